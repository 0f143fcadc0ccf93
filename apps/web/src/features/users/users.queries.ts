/**
 * Users (人员): the paged list for the users page, one user for deep links, the whole directory
 * for pickers and for showing names instead of ids, and the changes an administrator makes.
 */

import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { Locale } from "@tradewind/domain";
import { useMemo } from "react";
import { api, fetchAll, type Page } from "../../api/client.ts";
import type { User } from "../../api/types.ts";

export interface UserFilters {
  q?: string;
  active?: boolean;
  teamId?: string;
  roleId?: string;
}

export interface UserInput {
  email: string;
  name: string;
  locale: Locale;
  teamId: string | null;
  roleIds: string[];
  zoneIds: string[];
}

const usersKey = ["users"] as const;
const PAGE_SIZE = 50;

export function useUserList(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: [...usersKey, "list", filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<User>>("/api/users", {
        query: { ...filters, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: [...usersKey, "one", id],
    queryFn: () => api<User>(`/api/users/${encodeURIComponent(id ?? "")}`),
    enabled: !!id,
    retry: false,
  });
}

/** Everyone in the company, for pickers and name look-ups. Trading offices have tens, not thousands. */
export function useUserDirectory(enabled = true) {
  const query = useQuery({
    queryKey: [...usersKey, "directory"],
    queryFn: () => fetchAll<User>("/api/users"),
    enabled,
    staleTime: 60_000,
  });
  const byId = useMemo(() => new Map((query.data ?? []).map((user) => [user.id, user])), [query.data]);
  return { ...query, users: query.data ?? [], byId };
}

/** One active colleague as any logged-in user may see it: for owner and recipient pickers. */
export interface UserOption {
  id: string;
  name: string;
  teamId: string | null;
}

/**
 * Active colleagues for pickers (new owner, dedicated owner, filter by owner). Unlike the
 * directory this needs no users.read: a sales rep may hand a customer to a colleague too.
 */
export function useUserOptions(enabled = true) {
  const query = useQuery({
    queryKey: [...usersKey, "options"],
    queryFn: () => api<{ items: UserOption[] }>("/api/users/options"),
    enabled,
    staleTime: 5 * 60_000,
  });
  const items = query.data?.items;
  const byId = useMemo(() => new Map((items ?? []).map((user) => [user.id, user])), [items]);
  return { ...query, options: items ?? [], byId };
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: usersKey });
    // Team member counts and role user counts change with users.
    void queryClient.invalidateQueries({ queryKey: ["teams"] });
    void queryClient.invalidateQueries({ queryKey: ["roles"] });
    void queryClient.invalidateQueries({ queryKey: ["zones"] });
  };
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: UserInput & { password: string }) =>
      api<User>("/api/users", { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, ...patch }: Partial<UserInput> & { id: string; version: number; active?: boolean }) =>
      api<User>(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", body: patch }),
    onSuccess: invalidate,
  });
}

export function useResetUserPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      api<void>(`/api/users/${encodeURIComponent(id)}/password`, { method: "POST", body: { password } }),
  });
}
