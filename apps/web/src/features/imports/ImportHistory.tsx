/**
 * 导入记录: every import this user may see (a rep its own, a lead its whole scope), newest first:
 * who imported which file when, what came of it, and a link to each one's result (or, for a
 * file that was uploaded but never started, back to its mapping).
 */
import type { ImportSummary } from "@tradewind/domain";
import { Table, type TableColumnsType, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { formatDateTime } from "../../shared/format.ts";
import { LoadMore } from "../../shared/LoadMore.tsx";
import { useImportHistory } from "./imports.queries.ts";
import { STATUS_COLORS, statusLabel } from "./importVocabulary.ts";

export function ImportHistory() {
  const { t } = useTranslation();
  const history = useImportHistory();
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<ImportSummary> = [
    {
      key: "when",
      title: t("imports.history.when"),
      width: 170,
      render: (_: unknown, item) => formatDateTime(item.createdAt),
    },
    {
      key: "file",
      title: t("imports.history.file"),
      render: (_: unknown, item) => (
        <Link to={`/customers/import/${item.id}`} data-testid={`import-history-link-${item.id}`}>
          {item.fileName}
        </Link>
      ),
    },
    {
      key: "who",
      title: t("imports.history.who"),
      width: 110,
      render: (_: unknown, item) => item.createdByName ?? "—",
    },
    {
      key: "status",
      title: t("imports.history.status"),
      width: 110,
      render: (_: unknown, item) => {
        const tag = <Tag color={STATUS_COLORS[item.status]}>{statusLabel(t, item.status)}</Tag>;
        return item.error ? <Tooltip title={item.error}>{tag}</Tooltip> : tag;
      },
    },
    ...(["created", "updated", "skipped", "rejected"] as const).map((kind) => ({
      key: kind,
      title: t(`imports.history.${kind}`),
      width: 84,
      align: "right" as const,
      render: (_: unknown, item: ImportSummary) => {
        const value = item[`${kind}Count`];
        // Counts exist once an import has run; before that a dash says "not yet".
        if (item.status === "uploaded" || item.status === "queued") return "—";
        return kind === "rejected" && value > 0 ? (
          <Typography.Text type="danger">{value}</Typography.Text>
        ) : (
          value
        );
      },
    })),
    {
      key: "open",
      title: t("common.actions"),
      width: 100,
      render: (_: unknown, item) => (
        <Link to={`/customers/import/${item.id}`}>
          {item.status === "uploaded" ? t("imports.history.continue") : t("imports.history.open")}
        </Link>
      ),
    },
  ];

  return (
    <div data-testid="import-history">
      {history.isError && <ErrorAlert error={history.error} className="tw-form-alert" />}
      <Table<ImportSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={history.isPending}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("imports.history.empty") }}
      />
      <LoadMore
        shown={items.length}
        hasMore={!!history.hasNextPage}
        loading={history.isFetchingNextPage}
        onLoadMore={() => void history.fetchNextPage()}
      />
    </div>
  );
}
