/**
 * The organisation (R-ORG-1, R-ORG-2): departments with their head, teams by kind, and the
 * functional zones (分区). Any user may read them; changing them needs org.manage.
 */

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TeamKind, ZoneFunction } from "@tradewind/domain";
import { useMemo } from "react";
import { api, type Page } from "../../api/client.ts";
import type { Department, Team, Zone } from "../../api/types.ts";

export interface DepartmentInput {
  name: string;
  leadUserId: string | null;
}

export interface TeamInput {
  name: string;
  departmentId: string;
  kind: TeamKind;
  leadUserId: string | null;
}

export interface ZoneInput {
  name: string;
  function: ZoneFunction;
  leadUserId: string | null;
  memberIds: string[];
}

type Resource = "departments" | "teams" | "zones";

function useList<T extends { id: string }>(resource: Resource) {
  const query = useQuery({
    queryKey: [resource],
    queryFn: () => api<Page<T>>(`/api/${resource}`),
    staleTime: 60_000,
  });
  const items = query.data?.items;
  const byId = useMemo(() => new Map((items ?? []).map((item) => [item.id, item])), [items]);
  return { ...query, items: items ?? [], byId };
}

export const useDepartments = () => useList<Department>("departments");
export const useTeams = () => useList<Team>("teams");
export const useZones = () => useList<Zone>("zones");

/** Create, update (with version) and delete for one organisation resource. */
function useWrites<T, Input>(resource: Resource) {
  const queryClient = useQueryClient();
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: [resource] });
    // Users carry team and zone ids; teams carry their department.
    void queryClient.invalidateQueries({ queryKey: ["users"] });
    if (resource === "departments") void queryClient.invalidateQueries({ queryKey: ["teams"] });
  };
  const create = useMutation({
    mutationFn: (input: Input) => api<T>(`/api/${resource}`, { method: "POST", body: input }),
    onSuccess,
  });
  const update = useMutation({
    mutationFn: ({ id, ...input }: Input & { id: string; version: number }) =>
      api<T>(`/api/${resource}/${encodeURIComponent(id)}`, { method: "PATCH", body: input }),
    onSuccess,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`/api/${resource}/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess,
  });
  return { create, update, remove };
}

export const useDepartmentWrites = () => useWrites<Department, DepartmentInput>("departments");
export const useTeamWrites = () => useWrites<Team, TeamInput>("teams");
export const useZoneWrites = () => useWrites<Zone, ZoneInput>("zones");
