/**
 * An uploaded import being checked and mapped: its latest preview, kept in the query cache (so
 * the page survives moving between steps and a reload asks the server again), and `apply`, which
 * sends one change and shows the answer. The change shows at once (the picker must not jump
 * back while the server reads), and only the answer to the latest request counts: a slow reply
 * to an earlier change never overwrites a newer one.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ImportPreview } from "@tradewind/domain";
import { useRef, useState } from "react";
import { type SettingsChange, settingsAfter } from "./importFlow.ts";
import { importsKey, previewImport } from "./imports.queries.ts";

export interface ImportDraft {
  preview: ImportPreview;
  /** The encoding the server found on upload, to mark it among the choices; null for workbooks. */
  detectedEncoding: string | null;
}

export const draftKey = (id: string) => [...importsKey, "draft", id] as const;

export function draftOf(preview: ImportPreview): ImportDraft {
  return { preview, detectedEncoding: preview.encoding };
}

/** The optimistic preview: the changed settings shown before the server has read the file again. */
function withChange(preview: ImportPreview, change: SettingsChange): ImportPreview {
  const { kind: _kind, ...values } = change;
  return { ...preview, settings: { ...preview.settings, ...values } };
}

export function useImportDraft(id: string) {
  const queryClient = useQueryClient();
  const key = draftKey(id);
  // After a reload the upload's reply is gone: the server reads the file again with its defaults.
  const draft = useQuery({
    queryKey: key,
    queryFn: async () => draftOf(await previewImport(id, {})),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const latest = useRef(0);
  /** The last preview the server confirmed, to return to when a change is refused. */
  const confirmed = useRef<ImportPreview | null>(null);
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<unknown>(null);

  const apply = async (change: SettingsChange): Promise<void> => {
    const current = queryClient.getQueryData<ImportDraft>(key);
    if (!current) return;
    confirmed.current ??= current.preview;
    const request = ++latest.current;
    setError(null);
    setPending((count) => count + 1);
    queryClient.setQueryData<ImportDraft>(key, { ...current, preview: withChange(current.preview, change) });
    try {
      const preview = await previewImport(id, settingsAfter(current.preview.settings, change));
      if (request !== latest.current) return;
      confirmed.current = preview;
      queryClient.setQueryData<ImportDraft>(key, (draft) => (draft ? { ...draft, preview } : draft));
    } catch (failure) {
      if (request !== latest.current) return;
      setError(failure);
      const back = confirmed.current;
      if (back)
        queryClient.setQueryData<ImportDraft>(key, (draft) => (draft ? { ...draft, preview: back } : draft));
    } finally {
      setPending((count) => count - 1);
    }
  };

  return {
    draft: draft.data,
    loadError: draft.error,
    isLoading: draft.isPending,
    /** True while the server is reading the file with a newer change: counts may be out of date. */
    updating: pending > 0,
    error,
    apply,
  };
}
