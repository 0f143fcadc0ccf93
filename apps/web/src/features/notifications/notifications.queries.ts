/**
 * In-app notifications (R-ORG-6): the latest ones with the unread count, polled once a minute
 * so a warning that a customer is about to return to the pool does not wait for a reload.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.ts";

export interface Notification {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
  unread: number;
}

const key = ["notifications"] as const;

export function useNotifications() {
  return useQuery({
    queryKey: key,
    queryFn: () => api<NotificationPage>("/api/notifications", { query: { limit: 20 } }),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | "all") =>
      api<void>(
        id === "all" ? "/api/notifications/read-all" : `/api/notifications/${encodeURIComponent(id)}/read`,
        {
          method: "POST",
        },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
