/**
 * Customer imports on the server: upload a spreadsheet, preview it with other settings, start it
 * and follow its progress, cancel, undo, the history, and the saved column mappings (templates).
 * An import that finished changes the customer list, so it refreshes everything cached about
 * customers.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ImportField, ImportPreview, ImportSettings, ImportSummary } from "@tradewind/domain";
import { api, type Page } from "../../api/client.ts";
import { customersKey } from "../customers/customers.queries.ts";

export const importsKey = ["imports"] as const;

/** While an import is queued or running, how often its progress is asked for. */
export const POLL_MS = 700;

export interface ImportTemplate {
  id: string;
  name: string;
  mapping: Record<string, ImportField>;
  createdAt: string;
}

export interface UndoResult {
  removed: number;
  kept: { id: string; companyName: string }[];
}

const path = (id: string) => `/api/imports/${encodeURIComponent(id)}`;

export function isRunning(status: ImportSummary["status"] | undefined): boolean {
  return status === "queued" || status === "running";
}

export function uploadImport(file: File): Promise<ImportPreview> {
  const form = new FormData();
  form.append("file", file, file.name);
  return api<ImportPreview>("/api/imports", { method: "POST", form });
}

export function useUploadImport() {
  return useMutation({ mutationFn: uploadImport });
}

/** Reads the file again with other settings; nothing is written. */
export function previewImport(id: string, settings: Partial<ImportSettings>): Promise<ImportPreview> {
  return api<ImportPreview>(`${path(id)}/preview`, { method: "POST", body: settings });
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, settings }: { id: string; settings: ImportSettings }) =>
      api<ImportSummary>(`${path(id)}/start`, { method: "POST", body: settings }),
    onSuccess: (summary) => {
      queryClient.setQueryData([...importsKey, "one", summary.id], summary);
      void queryClient.invalidateQueries({ queryKey: [...importsKey, "history"] });
    },
  });
}

/** One import's state; asked again every POLL_MS while it is queued or running. */
export function useImportSummary(id: string | undefined) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...importsKey, "one", id],
    queryFn: async () => {
      const before = queryClient.getQueryData<ImportSummary>([...importsKey, "one", id]);
      const summary = await api<ImportSummary>(path(id ?? ""));
      if (isRunning(before?.status) && !isRunning(summary.status)) {
        // It has just finished: the customer list and the history now read differently.
        void queryClient.invalidateQueries({ queryKey: customersKey });
        void queryClient.invalidateQueries({ queryKey: [...importsKey, "history"] });
      }
      return summary;
    },
    enabled: !!id,
    retry: false,
    refetchInterval: (query) => (isRunning(query.state.data?.status) ? POLL_MS : false),
  });
}

export function useCancelImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<ImportSummary>(`${path(id)}/cancel`, { method: "POST" }),
    onSuccess: (summary) => {
      queryClient.setQueryData([...importsKey, "one", summary.id], summary);
      void queryClient.invalidateQueries({ queryKey: [...importsKey, "history"] });
    },
  });
}

export function useUndoImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<UndoResult>(`${path(id)}/undo`, { method: "POST" }),
    onSuccess: (_result, id) => {
      void queryClient.invalidateQueries({ queryKey: [...importsKey, "one", id] });
      void queryClient.invalidateQueries({ queryKey: [...importsKey, "history"] });
      void queryClient.invalidateQueries({ queryKey: customersKey });
    },
  });
}

export function useImportHistory() {
  return useInfiniteQuery({
    queryKey: [...importsKey, "history"],
    queryFn: ({ pageParam, signal }) =>
      api<Page<ImportSummary>>("/api/imports", { query: { limit: 20, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A running import in the list moves on by itself.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((item) => isRunning(item.status)))
        ? 3000
        : false,
  });
}

const templatesKey = [...importsKey, "templates"] as const;

export function useImportTemplates() {
  return useQuery({
    queryKey: templatesKey,
    queryFn: () => api<{ items: ImportTemplate[] }>("/api/import-templates"),
    staleTime: 60_000,
  });
}

export function useSaveImportTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; headers: string[]; mapping: (ImportField | null)[] }) =>
      api<ImportTemplate>("/api/import-templates", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
}

export function useDeleteImportTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/import-templates/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
}

export const rejectedRowsPath = (id: string) => `${path(id)}/rejected`;
