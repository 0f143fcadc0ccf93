/**
 * The customer grid shared by the list and the pool: the columns a rep reads every day, server
 * sort by clicking a header, optional row selection for bulk actions, and the columns the user
 * chose to see. Data fetching stays with the page.
 */
import { StarFilled } from "@ant-design/icons";
import type { CustomerListItem, CustomerSort } from "@tradewind/domain";
import {
  Empty,
  Space,
  Table,
  type TableColumnsType,
  type TableColumnType,
  type TableProps,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { currentLocale } from "../../i18n/index.ts";
import { formatDate } from "../../shared/format.ts";
import { DealStatusTag, DemandTag, GradeTag, NextActionDate, UrgencyTag } from "./CustomerBadges.tsx";
import { DEFAULT_SORT, sortFor, sortParts } from "./customerFilters.ts";
import { countryLabel, importanceLabel, sourceLabel } from "./vocabulary.ts";

export const COLUMN_KEYS = [
  "company",
  "country",
  "grade",
  "dealStatus",
  "urgency",
  "demand",
  "importance",
  "owner",
  "nextAction",
  "primaryContact",
  "tags",
  "source",
  "createdAt",
  "updatedAt",
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** Shown until the user picks its own; source and creation date are there for those who want them. */
export const DEFAULT_COLUMNS: readonly ColumnKey[] = COLUMN_KEYS.filter(
  (key) => key !== "source" && key !== "createdAt",
);

export const COLUMN_TITLES: Record<ColumnKey, string> = {
  company: "customers.columns.company",
  country: "customers.columns.country",
  grade: "customers.columns.grade",
  dealStatus: "customers.columns.dealStatus",
  urgency: "customers.columns.urgency",
  demand: "customers.columns.demand",
  importance: "customers.columns.importance",
  owner: "customers.columns.owner",
  nextAction: "customers.columns.nextAction",
  primaryContact: "customers.columns.primaryContact",
  tags: "customers.columns.tags",
  source: "customers.columns.source",
  createdAt: "customers.columns.createdAt",
  updatedAt: "customers.columns.updatedAt",
};

/** Columns the server can sort by, and the API's name for each. */
const SORT_KEYS: Partial<Record<ColumnKey, string>> = {
  company: "companyName",
  nextAction: "nextActionDate",
  createdAt: "createdAt",
  updatedAt: "updatedAt",
};

type Column = TableColumnType<CustomerListItem>;

interface Props {
  items: CustomerListItem[];
  loading: boolean;
  /** Null when the list is in the server's own order (a search without a chosen sort). */
  sort: CustomerSort | null;
  onSortChange: (sort: CustomerSort) => void;
  columns: readonly ColumnKey[];
  /** Extra columns at the end (the pool's claim button). */
  extraColumns?: TableColumnsType<CustomerListItem>;
  selectedIds?: string[];
  onSelect?: (ids: string[]) => void;
  empty: ReactNode;
  testId?: string;
}

export function CustomerTable({
  items,
  loading,
  sort,
  onSortChange,
  columns: visible,
  extraColumns = [],
  selectedIds,
  onSelect,
  empty,
  testId,
}: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const current = sortParts(sort);

  const all: Record<ColumnKey, Column> = {
    company: {
      render: (_: unknown, customer) => (
        <Space orientation="vertical" size={0}>
          <Space size={4}>
            <Link to={`/customers/${customer.id}`} data-testid={`customer-link-${customer.id}`}>
              {customer.companyName}
            </Link>
            {customer.keyAccount && (
              <Tooltip title={t("customers.keyAccount")}>
                <StarFilled style={{ color: "#faad14" }} aria-label={t("customers.keyAccount")} />
              </Tooltip>
            )}
          </Space>
          {customer.localName && (
            <Typography.Text type="secondary" className="tw-small">
              {customer.localName}
            </Typography.Text>
          )}
        </Space>
      ),
      width: 260,
      fixed: "left",
    },
    country: { render: (_: unknown, c) => countryLabel(c.country, locale), width: 110 },
    grade: {
      render: (_: unknown, c) => (
        <GradeTag grade={c.grade} suggestedGrade={c.suggestedGrade} overridden={c.gradeOverridden} />
      ),
      width: 90,
    },
    dealStatus: { render: (_: unknown, c) => <DealStatusTag value={c.dealStatus} />, width: 100 },
    urgency: { render: (_: unknown, c) => <UrgencyTag urgency={c.urgency} />, width: 100 },
    demand: { render: (_: unknown, c) => <DemandTag value={c.demand} />, width: 100 },
    importance: { render: (_: unknown, c) => importanceLabel(t, c.importance), width: 90 },
    owner: { render: (_: unknown, c) => c.ownerName ?? "—", width: 100 },
    nextAction: {
      render: (_: unknown, c) => <NextActionDate date={c.nextActionDate} action={c.nextAction} />,
      width: 190,
    },
    primaryContact: {
      render: (_: unknown, c) =>
        c.primaryContact ? (
          <Space orientation="vertical" size={0}>
            <span>{c.primaryContact.name}</span>
            <Typography.Text type="secondary" className="tw-small">
              {c.primaryContact.email ?? c.primaryContact.phone ?? ""}
            </Typography.Text>
          </Space>
        ) : (
          "—"
        ),
      width: 200,
    },
    tags: {
      render: (_: unknown, c) =>
        c.tags.length === 0 ? (
          "—"
        ) : (
          <Space wrap size={[2, 2]}>
            {c.tags.slice(0, 3).map((tag) => (
              <Tag key={tag}>{tag}</Tag>
            ))}
            {c.tags.length > 3 && (
              <Tooltip title={c.tags.slice(3).join(t("common.listSeparator"))}>
                <Tag>+{c.tags.length - 3}</Tag>
              </Tooltip>
            )}
          </Space>
        ),
      width: 160,
    },
    source: { render: (_: unknown, c) => sourceLabel(t, c.source), width: 110 },
    createdAt: { render: (_: unknown, c) => formatDate(c.createdAt), width: 130 },
    updatedAt: { render: (_: unknown, c) => formatDate(c.updatedAt), width: 130 },
  };

  const columns: TableColumnsType<CustomerListItem> = [
    ...COLUMN_KEYS.filter((key) => key === "company" || visible.includes(key)).map((key) => {
      const sortKey = SORT_KEYS[key];
      const column: Column = { ...all[key], key, title: t(COLUMN_TITLES[key]) };
      if (sortKey) {
        column.sorter = true;
        // Dates are read newest first; a second click reverses, a third returns to the default.
        column.sortDirections = key === "company" ? ["ascend", "descend"] : ["descend", "ascend"];
        column.sortOrder = current.key === sortKey ? (current.descending ? "descend" : "ascend") : null;
      }
      return column;
    }),
    ...extraColumns,
  ];

  const onChange: TableProps<CustomerListItem>["onChange"] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== "sort" || Array.isArray(sorter)) return;
    const key = SORT_KEYS[sorter.columnKey as ColumnKey];
    onSortChange(key ? sortFor(key, sorter.order) : (sort ?? DEFAULT_SORT));
  };

  return (
    // aria-busy: screen readers (and tests) can tell a list being refreshed from the result.
    <div data-testid={testId} aria-busy={loading}>
      <Table<CustomerListItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        onChange={onChange}
        scroll={{ x: "max-content" }}
        rowSelection={
          onSelect
            ? {
                selectedRowKeys: selectedIds,
                onChange: (keys) => onSelect(keys.map(String)),
                preserveSelectedRowKeys: true,
              }
            : undefined
        }
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      />
    </div>
  );
}
