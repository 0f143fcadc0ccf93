/**
 * Step 4 of 导入客户: the import running on the server (progress bar with rows done, speed and
 * time left, and cancel), then its result: what was created, updated, skipped and rejected, the
 * rejected rows to download and fix, the way to the new customers, and undo, which says which
 * customers it kept because a colleague has changed them since.
 */
import { DownloadOutlined, RollbackOutlined, UploadOutlined } from "@ant-design/icons";
import type { ImportSummary } from "@tradewind/domain";
import { Alert, App, Button, Card, Popconfirm, Progress, Result, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { downloadFile } from "../../shared/download.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { errorLine } from "../../shared/errors.ts";
import { formatDateTime } from "../../shared/format.ts";
import { isRunning, rejectedRowsPath, useCancelImport, useUndoImport } from "./imports.queries.ts";
import { durationText } from "./importVocabulary.ts";
import { ImportCounts } from "./PreviewStep.tsx";

/** The customer list with the newest first: where the imported customers are. */
export const NEWEST_CUSTOMERS = "/customers?sort=-createdAt";

export function RunStep({ summary, onAnother }: { summary: ImportSummary; onAnother: () => void }) {
  return isRunning(summary.status) ? (
    <Running summary={summary} />
  ) : (
    <Finished summary={summary} onAnother={onAnother} />
  );
}

function Running({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const cancel = useCancelImport();
  const percent = summary.rowsTotal > 0 ? Math.floor((summary.rowsDone / summary.rowsTotal) * 100) : 0;
  return (
    <Card title={t("imports.run.title", { file: summary.fileName })}>
      <div data-testid="import-progress" data-status={summary.status} data-done={summary.rowsDone}>
        <Progress percent={percent} status="active" />
        <Space wrap size={[24, 4]} className="tw-import-speed">
          <span>
            {summary.status === "queued"
              ? t("imports.run.queued")
              : t("imports.run.rows", { done: summary.rowsDone, total: summary.rowsTotal })}
          </span>
          {summary.rowsPerSecond !== null && (
            <span>{t("imports.run.speed", { count: summary.rowsPerSecond })}</span>
          )}
          {summary.secondsLeft !== null && (
            <span>{t("imports.run.left", { time: durationText(t, summary.secondsLeft) })}</span>
          )}
        </Space>
      </div>
      <Typography.Paragraph type="secondary" className="tw-step-note">
        {t("imports.run.background")}
      </Typography.Paragraph>
      <Popconfirm
        title={t("imports.run.cancelTitle")}
        description={t("imports.run.cancelText")}
        okText={t("imports.run.cancelConfirm")}
        cancelText={t("imports.run.keepGoing")}
        okButtonProps={{ danger: true }}
        onConfirm={() =>
          cancel.mutate(summary.id, { onError: (error) => void message.error(errorLine(error, t)) })
        }
      >
        <Button danger loading={cancel.isPending} data-testid="import-cancel">
          {t("imports.run.cancel")}
        </Button>
      </Popconfirm>
    </Card>
  );
}

function Finished({ summary, onAnother }: { summary: ImportSummary; onAnother: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const undo = useUndoImport();
  const [downloading, setDownloading] = useState(false);

  const downloadRejected = () => {
    setDownloading(true);
    downloadFile(rejectedRowsPath(summary.id), "rejected.xlsx")
      .catch((error: unknown) => void message.error(errorLine(error, t)))
      .finally(() => setDownloading(false));
  };

  const confirmUndo = () =>
    modal.confirm({
      title: t("imports.result.undoTitle"),
      content: t("imports.result.undoText", { count: summary.createdCount }),
      okText: t("imports.result.undo"),
      okButtonProps: { danger: true, "data-testid": "import-undo-confirm" },
      cancelText: t("common.cancel"),
      onOk: () =>
        undo.mutateAsync(summary.id).catch((error: unknown) => void message.error(errorLine(error, t))),
    });

  const counts = {
    create: summary.createdCount,
    update: summary.updatedCount,
    skip: summary.skippedCount,
    reject: summary.rejectedCount,
  };
  const when = formatDateTime(summary.finishedAt ?? summary.createdAt);
  const who = summary.createdByName ?? "—";

  const result =
    summary.status === "done" ? (
      <Result
        status="success"
        title={t("imports.result.doneTitle", { count: summary.createdCount })}
        subTitle={t("imports.result.subtitle", { file: summary.fileName, when, who })}
      />
    ) : summary.status === "undone" ? (
      <Result
        status="info"
        title={t("imports.result.undoneTitle")}
        subTitle={t("imports.result.subtitle", { file: summary.fileName, when, who })}
      />
    ) : summary.status === "cancelled" ? (
      <Result
        status="info"
        title={t("imports.result.cancelledTitle")}
        subTitle={t("imports.result.nothingKept")}
      />
    ) : (
      <Result
        status="error"
        title={t("imports.result.failedTitle")}
        subTitle={
          <>
            <div>{t("imports.result.nothingKept")}</div>
            {summary.error && <Typography.Text type="secondary">{summary.error}</Typography.Text>}
          </>
        }
      />
    );

  return (
    <Card data-testid="import-result" data-status={summary.status}>
      {result}
      {(summary.status === "done" || summary.status === "undone") && (
        <ImportCounts counts={counts} testId="import-result-counts" done />
      )}
      {undo.data && <UndoOutcome removed={undo.data.removed} kept={undo.data.kept} />}
      {undo.isError && <ErrorAlert error={undo.error} className="tw-step-alert" />}
      <Space wrap className="tw-import-actions">
        {summary.status === "done" && (
          <Button
            type="primary"
            onClick={() => void navigate(NEWEST_CUSTOMERS)}
            data-testid="import-open-customers"
          >
            {t("imports.result.openCustomers")}
          </Button>
        )}
        {summary.rejectedCount > 0 && (
          <Button
            icon={<DownloadOutlined />}
            onClick={downloadRejected}
            loading={downloading}
            data-testid="import-download-rejected"
          >
            {t("imports.result.downloadRejected", { count: summary.rejectedCount })}
          </Button>
        )}
        {summary.status === "done" && summary.createdCount > 0 && (
          <Button danger icon={<RollbackOutlined />} onClick={confirmUndo} data-testid="import-undo">
            {t("imports.result.undo")}
          </Button>
        )}
        <Button icon={<UploadOutlined />} onClick={onAnother}>
          {t("imports.result.another")}
        </Button>
      </Space>
      {summary.status === "done" && summary.rejectedCount > 0 && (
        <Typography.Paragraph type="secondary" className="tw-step-note">
          {t("imports.result.rejectedHint")}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function UndoOutcome({ removed, kept }: { removed: number; kept: { id: string; companyName: string }[] }) {
  const { t } = useTranslation();
  return (
    <Alert
      type={kept.length > 0 ? "warning" : "success"}
      showIcon
      className="tw-step-alert"
      data-testid="import-undo-result"
      title={t("imports.result.undone", { count: removed })}
      description={
        kept.length > 0 && (
          <>
            <div>{t("imports.result.kept", { count: kept.length })}</div>
            <ul className="tw-import-kept">
              {kept.map((customer) => (
                <li key={customer.id}>
                  <Link to={`/customers/${customer.id}`}>{customer.companyName}</Link>
                </li>
              ))}
            </ul>
          </>
        )
      }
    />
  );
}
