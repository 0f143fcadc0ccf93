/** Roles (角色) and their permission sets and data scopes; reading needs users.read, changing roles.manage. */

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DataScope, Permission } from "@tradewind/domain";
import { useMemo } from "react";
import { api, type Page } from "../../api/client.ts";
import type { Role } from "../../api/types.ts";

const rolesKey = ["roles"] as const;

export interface RoleInput {
  nameZh: string;
  nameEn: string;
  dataScope: DataScope;
  permissions: Permission[];
}

export function useRoles(enabled = true) {
  const query = useQuery({
    queryKey: rolesKey,
    queryFn: () => api<Page<Role>>("/api/roles"),
    enabled,
    staleTime: 60_000,
  });
  const roles = query.data?.items;
  const byId = useMemo(() => new Map((roles ?? []).map((role) => [role.id, role])), [roles]);
  return { ...query, roles: roles ?? [], byId };
}

function useInvalidateRoles() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: rolesKey });
    // My own permissions may have changed with a role I hold.
    void queryClient.invalidateQueries({ queryKey: ["me"] });
  };
}

export function useCreateRole() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: (input: RoleInput & { key: string }) =>
      api<Role>("/api/roles", { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateRole() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: ({ id, ...input }: RoleInput & { id: string; version: number }) =>
      api<Role>(`/api/roles/${encodeURIComponent(id)}`, { method: "PATCH", body: input }),
    onSuccess: invalidate,
  });
}

export function useDeleteRole() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/roles/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
