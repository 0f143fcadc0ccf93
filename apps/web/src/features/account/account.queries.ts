/** The user's own account: password, login sessions (devices) and API tokens for integrations. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Page } from "../../api/client.ts";
import type { ApiToken, CreatedToken, Session } from "../../api/types.ts";

const sessionsKey = ["account", "sessions"] as const;
const tokensKey = ["account", "tokens"] as const;

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api<void>("/api/auth/password", { method: "POST", body: input }),
    // The server ends the other sessions.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: () => api<Page<Session>>("/api/auth/sessions") });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useApiTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => api<Page<ApiToken>>("/api/auth/tokens") });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; expiresInDays: number | null }) =>
      api<CreatedToken>("/api/auth/tokens", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/auth/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
