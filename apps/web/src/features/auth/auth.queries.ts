/**
 * Who is logged in, and the ways in and out: setup of the first administrator, login, logout,
 * and saving the user's own profile (its language). The Me reply also carries the CSRF token.
 */

import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Locale } from "@tradewind/domain";
import { api, rememberCsrfToken } from "../../api/client.ts";
import type { Me, SetupState } from "../../api/types.ts";

export const meKey = ["me"] as const;
export const setupKey = ["setup"] as const;

/**
 * Forgets everything cached for the previous user except the Me entry itself, which mounted
 * components keep observing (clearing it would leave them watching a query that no longer exists).
 */
export function forgetUserData(queryClient: QueryClient, me: Me | null): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
  queryClient.setQueryData(meKey, me);
}

/** GET /api/auth/session: the logged-in user, or null, without a 401 in the browser console. */
async function fetchMe(): Promise<Me | null> {
  const { me } = await api<{ me: Me | null }>("/api/auth/session", { allowUnauthenticated: true });
  rememberCsrfToken(me?.csrfToken ?? null);
  return me;
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

export function useSetupState() {
  return useQuery({
    queryKey: setupKey,
    queryFn: () => api<SetupState>("/api/setup", { allowUnauthenticated: true }),
    staleTime: 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      api<Me>("/api/auth/login", { method: "POST", body: input, allowUnauthenticated: true }),
    onSuccess: (me) => {
      rememberCsrfToken(me.csrfToken);
      forgetUserData(queryClient, me);
    },
  });
}

export function useCreateFirstAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name: string; password: string; locale: Locale }) =>
      api<Me>("/api/setup", { method: "POST", body: input, allowUnauthenticated: true }),
    onSuccess: (me) => {
      rememberCsrfToken(me.csrfToken);
      forgetUserData(queryClient, me);
    },
  });
}

/** Ends the session; the caller then reloads the page (see AppLayout). */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>("/api/auth/logout", { method: "POST", allowUnauthenticated: true }),
    onSettled: () => {
      rememberCsrfToken(null);
      forgetUserData(queryClient, null);
    },
  });
}

/** Saves the language on the user, so it follows them to every browser. */
export function useSaveMyLocale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale) => api<Me>("/api/auth/me", { method: "PATCH", body: { locale } }),
    onSuccess: (me) => {
      rememberCsrfToken(me.csrfToken);
      queryClient.setQueryData(meKey, me);
    },
  });
}
