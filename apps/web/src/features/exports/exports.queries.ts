/**
 * Customer exports on the server: ask for one (the list's filters and sort, chosen columns,
 * contacts, language), follow it while it runs, and fetch the finished file.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import type { ExportColumn, ExportStatus, Locale } from "@tradewind/domain";
import { api } from "../../api/client.ts";
import { downloadFile } from "../../shared/download.ts";

export interface ExportInput {
  filters: Record<string, string>;
  columns: ExportColumn[];
  contacts: "primary" | "all";
  locale: Locale;
}

const path = (id: string) => `/api/exports/${encodeURIComponent(id)}`;

export function isExportRunning(status: ExportStatus["status"] | undefined): boolean {
  return status === "queued" || status === "running";
}

export function useStartExport() {
  return useMutation({
    mutationFn: (input: ExportInput) => api<ExportStatus>("/api/exports", { method: "POST", body: input }),
  });
}

/** An export's progress; asked again every 700 ms until it is done or failed. */
export function useExportStatus(id: string | null, initial: ExportStatus | undefined) {
  return useQuery({
    queryKey: ["exports", id],
    queryFn: () => api<ExportStatus>(path(id ?? "")),
    enabled: id !== null,
    initialData: initial,
    retry: false,
    refetchInterval: (query) => (isExportRunning(query.state.data?.status) ? 700 : false),
  });
}

export function downloadExport(status: ExportStatus): Promise<string> {
  return downloadFile(`${path(status.id)}/file`, status.fileName ?? "customer-export.xlsx");
}
