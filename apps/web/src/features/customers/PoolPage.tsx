/**
 * 公海: customers nobody owns any more, because no one followed them up for the configured days
 * (R-CUST-7). Anyone allowed may claim one (领取), up to the claim limit; the server's reason is
 * shown when a claim is refused (limit reached, or a colleague was faster).
 */
import type { CustomerListItem } from "@tradewind/domain";
import { App, Button, type TableColumnsType, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.ts";
import { holds } from "../../app/access.ts";
import { FullPageSpin } from "../../app/guards.tsx";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { describeError, errorLine } from "../../shared/errors.ts";
import { formatDate, formatRelative } from "../../shared/format.ts";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { useMe } from "../auth/auth.queries.ts";
import { CustomerFilterBar } from "./CustomerFilterBar.tsx";
import { TotalLine } from "./CustomersPage.tsx";
import { type ColumnKey, CustomerTable } from "./CustomerTable.tsx";
import { activeFilterCount, appliedSort, listQueryOf } from "./customerFilters.ts";
import { useClaimCustomer, useCustomerList, usePoolSettings } from "./customers.queries.ts";
import { useCustomerFilters } from "./useCustomerFilters.ts";

/** Enough to judge whether a customer is worth claiming; the rest is on its page. */
const POOL_COLUMNS: ColumnKey[] = ["company", "country", "grade", "demand", "primaryContact"];

export function PoolPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { data: me } = useMe();
  const { filters, setFilters } = useCustomerFilters();
  const query = useMemo(() => ({ ...listQueryOf(filters), pool: "true" }), [filters]);
  const list = useCustomerList(query);
  const settings = usePoolSettings();
  const claim = useClaimCustomer();
  const [claiming, setClaiming] = useState<string | null>(null);
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);

  if (!me) return <FullPageSpin />;
  const canClaim = holds(me, "customers.claim");

  const take = (customer: CustomerListItem) => {
    setClaiming(customer.id);
    claim.mutate(customer.id, {
      onSuccess: () => void message.success(t("pool.claimed", { name: customer.companyName })),
      onError: (error) => {
        if (isApiError(error, 409)) {
          // The limit or a faster colleague: the server's sentence says which.
          modal.warning({
            title: t("pool.claimRefused"),
            content: describeError(error, t).detail ?? error.message,
          });
        } else {
          void message.error(errorLine(error, t));
        }
      },
      onSettled: () => setClaiming(null),
    });
  };

  const extraColumns: TableColumnsType<CustomerListItem> = [
    {
      key: "pooledAt",
      title: t("pool.pooledAt"),
      width: 130,
      render: (_: unknown, customer) => formatDate(customer.pooledAt),
    },
    {
      key: "lastFollowUp",
      title: t("pool.lastFollowUp"),
      width: 130,
      render: (_: unknown, customer) =>
        customer.lastFollowUpAt ? formatRelative(customer.lastFollowUpAt) : t("pool.never"),
    },
    ...(canClaim
      ? [
          {
            key: "claim",
            title: t("common.actions"),
            width: 100,
            fixed: "right" as const,
            render: (_: unknown, customer: CustomerListItem) => (
              <Button
                type="primary"
                size="small"
                loading={claiming === customer.id}
                disabled={claiming !== null && claiming !== customer.id}
                onClick={() => take(customer)}
                data-testid={`pool-claim-${customer.id}`}
              >
                {t("pool.claim")}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const rules = settings.data;
  return (
    <>
      <PageHeader
        title={t("nav.pool")}
        description={
          rules ? t("pool.intro", { days: rules.days, limit: rules.claimLimit }) : t("pool.introShort")
        }
      />
      <CustomerFilterBar filters={filters} onChange={setFilters} me={me} pool />
      {list.isError && <ErrorAlert error={list.error} className="tw-form-alert" />}
      <CustomerTable
        testId="pool-table"
        items={items}
        loading={list.isFetching && !list.isFetchingNextPage}
        sort={appliedSort(filters)}
        onSortChange={(sort) => setFilters({ ...filters, sort })}
        columns={POOL_COLUMNS}
        extraColumns={extraColumns}
        empty={
          <Typography.Text type="secondary">
            {activeFilterCount(filters) > 0 || filters.q ? t("pool.emptyFiltered") : t("pool.empty")}
          </Typography.Text>
        }
      />
      <div className="tw-load-more">
        <TotalLine first={list.data?.pages[0]} shown={items.length} />
        {list.hasNextPage && (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t("list.loadMore")}
          </Button>
        )}
      </div>
    </>
  );
}
