/**
 * Customers (客户) on the server: the scoped list and the public pool, one customer, its
 * timeline and follow-ups, duplicate checks, the changes a rep or a lead makes (create, edit,
 * transfer, merge, claim, tags), my day, saved views and the pool rules. Every change refreshes
 * everything cached about customers: a follow-up moves the customer's urgency, a transfer its
 * owner, and the list, board and my day must all show that at once.
 */
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type {
  Contact,
  Customer,
  CustomerListItem,
  DuplicateMatch,
  FollowUp,
  FollowUpChannel,
  PoolSettings,
  TimelineEvent,
} from "@tradewind/domain";
import { api, type Page } from "../../api/client.ts";
import type { ListQueryValue } from "./customerFilters.ts";

export const customersKey = ["customers"] as const;

export interface CustomerPage extends Page<CustomerListItem> {
  total: number | null;
  totalCapped: boolean;
}

/** The fields of the archive a user sets (the rest is derived by the server). */
export type CustomerFieldsInput = Pick<
  Customer,
  | "companyName"
  | "localName"
  | "country"
  | "address"
  | "website"
  | "industry"
  | "source"
  | "sourceDetail"
  | "tags"
  | "creditLimit"
  | "creditStatus"
  | "notes"
  | "keyAccount"
  | "keyAccountOwnerId"
  | "timeZone"
  | "dealStatus"
  | "importance"
  | "demand"
  | "grade"
  | "expectedCloseDate"
  | "nextActionDate"
  | "nextAction"
>;

/** A contact as sent: existing contacts keep their id, so the server keeps their history. */
export type ContactPayload = Omit<Contact, "id"> & { id?: string };

export interface CustomerCreateInput extends CustomerFieldsInput {
  ownerId?: string;
  contacts: ContactPayload[];
  force?: boolean;
  duplicateReason?: string;
}

export interface CustomerUpdateInput extends Partial<CustomerFieldsInput> {
  version: number;
  contacts?: ContactPayload[];
}

export interface DuplicateCheckInput {
  companyName: string;
  localName: string | null;
  website: string | null;
  emails: string[];
  phones: string[];
  excludeId?: string;
}

export interface FollowUpInput {
  date: string;
  channel: FollowUpChannel;
  summary: string;
  contactId: string | null;
  nextAction: string | null;
  nextActionDate: string | null;
}

export interface MyDayCustomer {
  id: string;
  companyName: string;
  localName: string | null;
  country: string;
  grade: string | null;
  urgency: string | null;
  nextActionDate: string | null;
  nextAction: string | null;
  lastFollowUpAt: string | null;
  keyAccount: boolean;
  overdue: boolean;
}

export interface MyDay {
  today: string;
  due: MyDayCustomer[];
  urgent: MyDayCustomer[];
  untouchedKeyAccounts: MyDayCustomer[];
}

export interface SavedView {
  id: string;
  name: string;
  area: string;
  state: Record<string, unknown>;
  createdAt: string;
}

const path = (id: string) => `/api/customers/${encodeURIComponent(id)}`;

/**
 * One cursor-paged list of customers. The total is asked for with the first page only:
 * counting costs the server more than a page, and it does not change while scrolling.
 */
export function useCustomerList(
  query: Record<string, ListQueryValue>,
  options: { pageSize?: number; enabled?: boolean } = {},
) {
  const limit = options.pageSize ?? 50;
  return useInfiniteQuery({
    queryKey: [...customersKey, "list", query, limit],
    queryFn: ({ pageParam, signal }) =>
      api<CustomerPage>("/api/customers", {
        query: { ...query, limit, cursor: pageParam, withTotal: pageParam === null ? "true" : undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** How far one "load more" of the ungraded column reads before it stops to show what it found. */
const UNGRADED_SCAN_ROWS = 1000;

/**
 * The board's 未分级 column. The list API filters by grade A-E but cannot ask for "no grade",
 * so this reads the filtered list in large pages and keeps the ungraded customers, stopping at
 * `want` cards or after UNGRADED_SCAN_ROWS rows; "load more" continues from where it stopped.
 * Ungraded customers are rare (a grade is suggested as soon as demand is known), so one read
 * usually reaches the end.
 */
export function useUngradedCustomers(query: Record<string, ListQueryValue>, want: number, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...customersKey, "ungraded", query, want],
    queryFn: async ({ pageParam, signal }) => {
      const items: CustomerListItem[] = [];
      let cursor: string | null = pageParam;
      let scanned = 0;
      do {
        const page: CustomerPage = await api<CustomerPage>("/api/customers", {
          query: { ...query, limit: 200, cursor },
          signal,
        });
        items.push(...page.items.filter((item) => item.grade === null));
        scanned += page.items.length;
        cursor = page.nextCursor;
      } while (cursor && items.length < want && scanned < UNGRADED_SCAN_ROWS);
      return { items, nextCursor: cursor };
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: [...customersKey, "one", id],
    queryFn: () => api<Customer>(path(id ?? "")),
    enabled: !!id,
    retry: false,
  });
}

export function useTimeline(id: string | undefined) {
  return useInfiniteQuery({
    queryKey: [...customersKey, "timeline", id],
    queryFn: ({ pageParam, signal }) =>
      api<Page<TimelineEvent>>(`${path(id ?? "")}/timeline`, {
        query: { limit: 20, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: !!id,
  });
}

/** Possible duplicates of what is being typed (R-CUST-5); the caller debounces the input. */
export function useDuplicateCheck(input: DuplicateCheckInput | null) {
  return useQuery({
    queryKey: [...customersKey, "duplicates", input],
    queryFn: ({ signal }) =>
      api<{ items: DuplicateMatch[] }>("/api/customers/duplicate-check", {
        method: "POST",
        body: input,
        signal,
      }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useCustomerTags() {
  return useQuery({
    queryKey: [...customersKey, "tags"],
    queryFn: () => api<{ items: string[] }>("/api/customers/tags"),
    staleTime: 60_000,
  });
}

export function useMyDay() {
  return useQuery({
    queryKey: [...customersKey, "myDay"],
    queryFn: () => api<MyDay>("/api/my-day"),
  });
}

function useInvalidateCustomers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: customersKey });
}

export function useCreateCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (input: CustomerCreateInput) =>
      api<Customer>("/api/customers", { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id, ...patch }: CustomerUpdateInput & { id: string }) =>
      api<Customer>(path(id), { method: "PATCH", body: patch }),
    onSuccess: invalidate,
  });
}

export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(path(id), { method: "DELETE" }),
    onSuccess: (_reply, id) =>
      // Refresh the lists, but not the deleted record and its timeline (they would 404 while
      // the page leaves); unused, they drop out of the cache by themselves.
      queryClient.invalidateQueries({
        queryKey: customersKey,
        predicate: (query) => !query.queryKey.includes(id),
      }),
  });
}

export function useMergeCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, sourceId }: { id: string; sourceId: string }) =>
      api<Customer>(`${path(id)}/merge`, { method: "POST", body: { sourceId } }),
    onSuccess: (_reply, { sourceId }) => {
      queryClient.removeQueries({ queryKey: [...customersKey, "one", sourceId] });
      void queryClient.invalidateQueries({ queryKey: customersKey });
    },
  });
}

export function useTransferCustomers() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (input: { customerIds: string[]; toUserId: string }) =>
      api<{ transferred: number }>("/api/customers/transfer", { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

export function useClaimCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (id: string) => api<Customer>(`${path(id)}/claim`, { method: "POST" }),
    onSuccess: invalidate,
  });
}

export function useBulkTags() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (input: { customerIds: string[]; add: string[]; remove: string[] }) =>
      api<{ updated: number }>("/api/customers/bulk-tags", { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

export function useAddFollowUp(customerId: string) {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (input: FollowUpInput) =>
      api<FollowUp>(`${path(customerId)}/follow-ups`, { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateFollowUp() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id, ...input }: FollowUpInput & { id: string; version: number }) =>
      api<FollowUp>(`/api/follow-ups/${encodeURIComponent(id)}`, { method: "PATCH", body: input }),
    onSuccess: invalidate,
  });
}

export function useDeleteFollowUp() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/follow-ups/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

const viewsKey = (area: string) => ["savedViews", area] as const;

export function useSavedViews(area: string) {
  return useQuery({
    queryKey: viewsKey(area),
    queryFn: () => api<{ items: SavedView[] }>("/api/saved-views", { query: { area } }),
    staleTime: 60_000,
  });
}

export function useSaveView(area: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; state: Record<string, unknown> }) =>
      api<SavedView>("/api/saved-views", { method: "POST", body: { area, ...input } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: viewsKey(area) }),
  });
}

export function useDeleteView(area: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/saved-views/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: viewsKey(area) }),
  });
}

const poolSettingsKey = ["settings", "pool"] as const;

export function usePoolSettings() {
  return useQuery({
    queryKey: poolSettingsKey,
    queryFn: () => api<PoolSettings>("/api/settings/pool"),
    staleTime: 60_000,
  });
}

export function useSavePoolSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PoolSettings) =>
      api<PoolSettings>("/api/settings/pool", { method: "PUT", body: input }),
    onSuccess: (saved) => queryClient.setQueryData(poolSettingsKey, saved),
  });
}
