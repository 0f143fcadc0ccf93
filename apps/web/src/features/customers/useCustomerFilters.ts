/**
 * The list's filters as React state backed by the URL: reading them from ?grade=A&..., writing
 * changes back without adding a history entry per keystroke, and the list/board switch that
 * keeps them.
 */
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { type CustomerFilters, filtersFromSearch, searchFromFilters } from "./customerFilters.ts";

export function useCustomerFilters() {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query text is the identity of the filters
  const filters = useMemo(() => filtersFromSearch(params), [search]);
  const setFilters = (next: CustomerFilters) => setParams(searchFromFilters(next), { replace: true });
  const setSearch = (query: string) => setParams(new URLSearchParams(query), { replace: true });
  return { filters, setFilters, search, setSearch };
}
