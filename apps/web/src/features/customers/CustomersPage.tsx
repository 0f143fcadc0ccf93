/**
 * 客户列表: the grid a rep lives in. Filters and sort in the URL (shareable, savable as views),
 * search, cursor paging with the total, a column chooser, bulk transfer and tags for the
 * selected rows, and the new-customer drawer (also at /customers/new). Shows only what the
 * user's data scope allows: a rep its own customers, a lead its team's. From here a spreadsheet
 * is imported (导入客户) and the list as filtered is exported (导出).
 */
import {
  ExportOutlined,
  ImportOutlined,
  PlusOutlined,
  SwapOutlined,
  TagsOutlined,
  UserSwitchOutlined,
} from "@ant-design/icons";
import { TOTAL_CAP } from "@tradewind/domain";
import { Button, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { holds } from "../../app/access.ts";
import { FullPageSpin } from "../../app/guards.tsx";
import { currentLocale } from "../../i18n/index.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { useMe } from "../auth/auth.queries.ts";
import { ExportModal } from "../exports/ExportModal.tsx";
import { BulkTagsModal } from "./BulkTagsModal.tsx";
import { ColumnChooser, loadColumns, storeColumns } from "./ColumnChooser.tsx";
import { CustomerFilterBar } from "./CustomerFilterBar.tsx";
import { CustomerFormDrawer } from "./CustomerFormDrawer.tsx";
import { type ColumnKey, CustomerTable } from "./CustomerTable.tsx";
import { activeFilterCount, appliedSort, EMPTY_FILTERS, listQueryOf } from "./customerFilters.ts";
import { type CustomerPage, useCustomerList } from "./customers.queries.ts";
import { HandOverModal } from "./HandOverModal.tsx";
import { SavedViews } from "./SavedViews.tsx";
import { TransferModal } from "./TransferModal.tsx";
import { useCustomerFilters } from "./useCustomerFilters.ts";
import { ViewSwitch } from "./ViewSwitch.tsx";

/** "共 212 个客户", or "10,000+ 个客户" past the count's cap. */
export function TotalLine({ first, shown }: { first: CustomerPage | undefined; shown?: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (!first || first.total === null) return null;
  const total = first.totalCapped
    ? t("customers.totalCapped", { count: TOTAL_CAP, cap: TOTAL_CAP.toLocaleString(locale) })
    : t("customers.total", { count: first.total, total: first.total.toLocaleString(locale) });
  return (
    <Typography.Text type="secondary" data-testid={shown === undefined ? "customers-total" : undefined}>
      {total}
      {shown !== undefined && shown < (first.total ?? 0) && ` · ${t("customers.shown", { count: shown })}`}
    </Typography.Text>
  );
}

export function CustomersPage({ creating = false }: { creating?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: me } = useMe();
  const { filters, setFilters, search, setSearch } = useCustomerFilters();
  const [columns, setColumns] = useState<ColumnKey[]>(() => loadColumns(me?.id ?? ""));
  const [selected, setSelected] = useState<string[]>([]);
  const [transferOpen, setTransferOpen] = useState(false);
  const [tagsOpen, setTagsOpen] = useState(false);
  const [handOverOpen, setHandOverOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const query = useMemo(() => listQueryOf(filters), [filters]);
  const list = useCustomerList(query);
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);

  if (!me) return <FullPageSpin />;
  const canCreate = holds(me, "customers.create");
  const canTransfer = holds(me, "customers.transfer");
  const canTag = holds(me, "customers.update");
  const canImport = holds(me, "customers.import");
  const canExport = holds(me, "customers.export");
  const filtered = activeFilterCount(filters) > 0 || filters.q.trim() !== "";

  const chooseColumns = (next: ColumnKey[]) => {
    setColumns(next);
    storeColumns(me.id, next);
  };
  const closeCreate = () => void navigate({ pathname: "/customers", search: location.search });

  const empty = filtered ? (
    <Space orientation="vertical">
      <span>{t("customers.emptyFiltered")}</span>
      <Button onClick={() => setFilters({ ...EMPTY_FILTERS, sort: filters.sort })}>
        {t("customers.clearFilters")}
      </Button>
    </Space>
  ) : (
    <Space orientation="vertical">
      <span>{canCreate ? t("customers.empty") : t("customers.emptyReadOnly")}</span>
      {canCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate("/customers/new")}>
          {t("customers.create")}
        </Button>
      )}
    </Space>
  );

  return (
    <>
      <PageHeader
        title={t("nav.customers")}
        description={me.dataScope === "own" ? t("customers.introOwn") : t("customers.introWide")}
        extra={
          <Space wrap>
            {canImport && (
              <Button
                icon={<ImportOutlined />}
                onClick={() => void navigate("/customers/import")}
                data-testid="customers-import"
              >
                {t("customers.import")}
              </Button>
            )}
            {canExport && (
              <Button icon={<ExportOutlined />} onClick={() => setExportOpen(true)} data-testid="export-open">
                {t("customers.export")}
              </Button>
            )}
            {canTransfer && (
              <Button icon={<SwapOutlined />} onClick={() => setHandOverOpen(true)} data-testid="hand-over">
                {t("handOver.button")}
              </Button>
            )}
            {canCreate && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => void navigate({ pathname: "/customers/new", search: location.search })}
                data-testid="customer-create"
              >
                {t("customers.create")}
              </Button>
            )}
          </Space>
        }
      />
      <CustomerFilterBar
        filters={filters}
        onChange={setFilters}
        me={me}
        extra={
          <Space wrap>
            <ViewSwitch value="list" />
            <ColumnChooser value={columns} onChange={chooseColumns} />
            <SavedViews
              current={{ query: search, columns }}
              onApply={(view) => {
                setSearch(view.query);
                if (view.columns.length > 0) chooseColumns(view.columns);
              }}
            />
          </Space>
        }
      />
      {selected.length > 0 && (canTransfer || canTag) && (
        <div className="tw-bulk-bar" data-testid="bulk-bar">
          <span>{t("customers.selected", { count: selected.length })}</span>
          {canTransfer && (
            <Button
              icon={<UserSwitchOutlined />}
              onClick={() => setTransferOpen(true)}
              data-testid="bulk-transfer"
            >
              {t("customers.transfer")}
            </Button>
          )}
          {canTag && (
            <Button icon={<TagsOutlined />} onClick={() => setTagsOpen(true)} data-testid="bulk-tags">
              {t("customers.editTags")}
            </Button>
          )}
          <Button type="link" onClick={() => setSelected([])}>
            {t("customers.clearSelection")}
          </Button>
        </div>
      )}
      {list.isError && <ErrorAlert error={list.error} className="tw-form-alert" />}
      <div className="tw-list-summary">
        <TotalLine first={list.data?.pages[0]} />
      </div>
      <CustomerTable
        testId="customers-table"
        items={items}
        loading={list.isFetching && !list.isFetchingNextPage}
        sort={appliedSort(filters)}
        onSortChange={(sort) => setFilters({ ...filters, sort })}
        columns={columns}
        selectedIds={canTransfer || canTag ? selected : undefined}
        onSelect={canTransfer || canTag ? setSelected : undefined}
        empty={empty}
      />
      <div className="tw-load-more">
        <TotalLine first={list.data?.pages[0]} shown={items.length} />
        {list.hasNextPage && (
          <Button
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
            data-testid="load-more"
          >
            {t("list.loadMore")}
          </Button>
        )}
      </div>
      {canCreate && (
        <CustomerFormDrawer
          open={creating}
          onClose={closeCreate}
          onCreated={(customer) => void navigate(`/customers/${customer.id}`)}
        />
      )}
      <TransferModal
        open={transferOpen}
        customerIds={selected}
        onClose={() => setTransferOpen(false)}
        onDone={() => setSelected([])}
      />
      {canTransfer && <HandOverModal open={handOverOpen} onClose={() => setHandOverOpen(false)} />}
      {canExport && (
        <ExportModal
          open={exportOpen}
          onClose={() => setExportOpen(false)}
          query={query}
          visibleColumns={columns}
          // Past the count's cap the number is not exact: the modal then says "all of them".
          total={list.data?.pages[0]?.totalCapped ? null : (list.data?.pages[0]?.total ?? null)}
          filtered={filtered}
        />
      )}
      <BulkTagsModal
        open={tagsOpen}
        customerIds={selected}
        onClose={() => setTagsOpen(false)}
        onDone={() => setSelected([])}
      />
    </>
  );
}

/** /customers/new: the list with the new-customer drawer open. */
export function NewCustomerPage() {
  return <CustomersPage creating />;
}
