/** The audit log (审计日志, R-ORG-5): read-only, newest first, paged by cursor. */
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { api, type Page } from "../../api/client.ts";
import type { AuditEntry } from "../../api/types.ts";

export interface AuditFilters {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  /** ISO date-times, inclusive bounds. */
  from?: string;
  to?: string;
}

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ["audit", filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<AuditEntry>>("/api/audit-log", {
        query: { ...filters, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}
