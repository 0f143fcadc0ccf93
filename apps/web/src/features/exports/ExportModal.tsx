/**
 * 导出 on the customer list (permission customers.export): the list as it is filtered and sorted
 * now, to an .xlsx file. The user picks the columns (those the list shows, to begin with), how
 * contacts are written and the file's language; the server builds the file as a job, the modal
 * follows its progress and offers the download when it is ready.
 */
import { DownloadOutlined } from "@ant-design/icons";
import { EXPORT_COLUMNS, type ExportColumn, type Locale } from "@tradewind/domain";
import { Alert, App, Button, Checkbox, Form, Modal, Progress, Radio, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.ts";
import { currentLocale, isLocale } from "../../i18n/index.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { errorLine } from "../../shared/errors.ts";
import { localeOptions } from "../../shared/options.ts";
import type { ColumnKey } from "../customers/CustomerTable.tsx";
import type { ListQueryValue } from "../customers/customerFilters.ts";
import { defaultExportColumns, exportFilters, exportHeader } from "./exportColumns.ts";
import { downloadExport, isExportRunning, useExportStatus, useStartExport } from "./exports.queries.ts";

interface Props {
  open: boolean;
  onClose: () => void;
  /** The list's current query (filters and sort), exactly as the list asks the server. */
  query: Record<string, ListQueryValue>;
  /** The list's visible columns, for the default choice of export columns. */
  visibleColumns: readonly ColumnKey[];
  /** How many customers the list counts now, when known. */
  total: number | null;
  /** Whether the list is narrowed by a search or filters (said in the modal, so nobody is surprised). */
  filtered: boolean;
}

export function ExportModal(props: Props) {
  // A fresh form per opening: the columns follow the list's columns at that moment.
  return props.open ? <ExportDialog {...props} /> : null;
}

function ExportDialog({ onClose, query, visibleColumns, total, filtered }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const uiLocale = currentLocale();
  const [columns, setColumns] = useState<ExportColumn[]>(() => defaultExportColumns(visibleColumns));
  const [contacts, setContacts] = useState<"primary" | "all">("primary");
  const [locale, setLocale] = useState<Locale>(uiLocale);
  const [downloading, setDownloading] = useState(false);
  const start = useStartExport();
  const status = useExportStatus(start.data?.id ?? null, start.data);
  const job = status.data;
  const running = isExportRunning(job?.status);

  const begin = () =>
    start.mutate({
      filters: exportFilters(query),
      columns: EXPORT_COLUMNS.filter((column) => columns.includes(column)),
      contacts,
      locale,
    });

  const download = () => {
    if (!job) return;
    setDownloading(true);
    downloadExport(job)
      .then((name) => void message.success(t("exports.downloaded", { name })))
      .catch((error: unknown) => void message.error(errorLine(error, t)))
      .finally(() => setDownloading(false));
  };

  const percent = job && job.rowsTotal > 0 ? Math.floor((job.rowsDone / job.rowsTotal) * 100) : 0;
  const footer = job ? (
    <Space>
      <Button onClick={onClose}>{t("exports.close")}</Button>
      <Button
        type="primary"
        icon={<DownloadOutlined />}
        disabled={job.status !== "done"}
        loading={downloading}
        onClick={download}
        data-testid="export-download"
      >
        {t("exports.download")}
      </Button>
    </Space>
  ) : (
    <Space>
      <Button onClick={onClose}>{t("common.cancel")}</Button>
      <Button
        type="primary"
        onClick={begin}
        loading={start.isPending}
        disabled={columns.length === 0}
        data-testid="export-start"
      >
        {t("exports.start")}
      </Button>
    </Space>
  );

  return (
    <Modal
      open
      title={t("exports.title")}
      onCancel={onClose}
      footer={footer}
      width={720}
      maskClosable={!running}
      data-testid="export-modal"
    >
      <Typography.Paragraph>
        {total === null
          ? t(filtered ? "exports.scopeFilteredUnknown" : "exports.scopeAllUnknown")
          : t(filtered ? "exports.scopeFiltered" : "exports.scopeAll", { count: total })}
      </Typography.Paragraph>
      {start.isError && <ExportError error={start.error} />}
      {job ? (
        <div data-testid="export-progress" data-status={job.status}>
          <Progress
            percent={job.status === "done" ? 100 : percent}
            status={job.status === "failed" ? "exception" : job.status === "done" ? "success" : "active"}
          />
          <Typography.Text type="secondary">
            {job.status === "queued"
              ? t("exports.queued")
              : job.status === "failed"
                ? t("exports.failed", { error: job.error ?? "" })
                : job.status === "done"
                  ? t("exports.ready", { count: job.rowsDone, name: job.fileName ?? "" })
                  : t("exports.rows", { done: job.rowsDone, total: job.rowsTotal })}
          </Typography.Text>
          {status.isError && <ErrorAlert error={status.error} className="tw-step-alert" />}
        </div>
      ) : (
        <Form layout="vertical" disabled={start.isPending}>
          <Form.Item
            label={t("exports.columns")}
            extra={
              <Space size={12}>
                <Button type="link" size="small" onClick={() => setColumns([...EXPORT_COLUMNS])}>
                  {t("exports.allColumns")}
                </Button>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setColumns(defaultExportColumns(visibleColumns))}
                >
                  {t("exports.listColumns")}
                </Button>
                <Typography.Text type="secondary" className="tw-small">
                  {t("exports.columnsChosen", { count: columns.length })}
                </Typography.Text>
              </Space>
            }
          >
            <Checkbox.Group<ExportColumn>
              value={columns}
              onChange={setColumns}
              className="tw-export-columns"
              data-testid="export-columns"
              options={EXPORT_COLUMNS.map((column) => ({
                value: column,
                label: exportHeader(column, uiLocale),
              }))}
            />
          </Form.Item>
          <Form.Item label={t("exports.contacts")}>
            <Radio.Group
              value={contacts}
              onChange={(event) => setContacts(event.target.value === "all" ? "all" : "primary")}
              options={[
                { value: "primary", label: t("exports.contactsPrimary") },
                { value: "all", label: t("exports.contactsAll") },
              ]}
              data-testid="export-contacts"
            />
          </Form.Item>
          <Form.Item label={t("exports.language")} extra={t("exports.languageHint")}>
            <Radio.Group
              value={locale}
              onChange={(event) => setLocale(isLocale(event.target.value) ? event.target.value : uiLocale)}
              options={localeOptions(t)}
              optionType="button"
              data-testid="export-locale"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** Refused exports say why in the user's words: no permission, or too many exports this hour. */
function ExportError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error, 403)) {
    return (
      <Alert
        type="error"
        showIcon
        className="tw-step-alert"
        title={t("exports.forbidden")}
        data-testid="export-error"
      />
    );
  }
  if (isApiError(error, 429)) {
    const minutes = error.retryAfter ? Math.max(1, Math.ceil(error.retryAfter / 60)) : null;
    return (
      <Alert
        type="warning"
        showIcon
        className="tw-step-alert"
        data-testid="export-error"
        title={t("exports.tooOften")}
        description={minutes ? t("exports.retryIn", { count: minutes }) : t("exports.retryLater")}
      />
    );
  }
  return <ErrorAlert error={error} className="tw-step-alert" testId="export-error" />;
}
