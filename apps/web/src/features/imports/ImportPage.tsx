/**
 * 导入客户 (/customers/import, permission customers.import): a rep's own spreadsheet into
 * Tradewind in four steps — upload, check and map the columns, preview, import — and the
 * history of imports with each one's result (/customers/import/<id>). The steps follow the
 * import's state on the server, so a reload or a link from the history lands on the right one.
 */
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import type { ImportPreview } from "@tradewind/domain";
import { Button, Result, Space, Spin, Steps, Tabs, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { ImportHistory } from "./ImportHistory.tsx";
import { importsKey, useCancelImport, useImportSummary, useStartImport } from "./imports.queries.ts";
import { MappingStep } from "./MappingStep.tsx";
import { PreviewStep } from "./PreviewStep.tsx";
import { RunStep } from "./RunStep.tsx";
import { UploadStep } from "./UploadStep.tsx";
import { draftKey, draftOf, useImportDraft } from "./useImportDraft.ts";

type Stage = "map" | "preview";

export function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { importId } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") === "history" ? "history" : "import";

  return (
    <>
      <PageHeader
        title={t("nav.import")}
        description={t("imports.intro")}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate("/customers")}>
            {t("imports.backToList")}
          </Button>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === "history" ? { tab: "history" } : {})}
        items={[
          {
            key: "import",
            label: t("imports.tabImport"),
            // One wizard per import: moving to another import starts from its own state.
            children: <ImportWizard key={importId ?? "new"} importId={importId} />,
          },
          { key: "history", label: t("imports.tabHistory"), children: <ImportHistory /> },
        ]}
      />
    </>
  );
}

function ImportWizard({ importId }: { importId: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const summary = useImportSummary(importId);
  const cancel = useCancelImport();
  const [stage, setStage] = useState<Stage>("map");

  const uploaded = (preview: ImportPreview) => {
    queryClient.setQueryData(draftKey(preview.id), draftOf(preview));
    void navigate(`/customers/import/${preview.id}`);
  };
  const another = () => void navigate("/customers/import");
  /** Another file instead of this one: the abandoned upload is cancelled, so the history stays clean. */
  const restart = () => {
    if (importId) cancel.mutate(importId);
    another();
  };

  const status = summary.data?.status;
  const current = !importId ? 0 : status === "uploaded" ? (stage === "map" ? 1 : 2) : status ? 3 : 0;
  const steps = (
    <Steps
      className="tw-import-steps"
      current={current}
      // While the file is being mapped, its two steps can be switched by clicking them.
      onChange={
        status === "uploaded"
          ? (step) => (step === 1 || step === 2) && setStage(step === 1 ? "map" : "preview")
          : undefined
      }
      items={[
        { title: t("imports.steps.upload") },
        { title: t("imports.steps.map") },
        { title: t("imports.steps.preview") },
        { title: t("imports.steps.run") },
      ]}
    />
  );

  let body: ReactNode;
  if (!importId) body = <UploadStep onUploaded={uploaded} />;
  else if (summary.isPending) body = <Spin className="tw-step-spin" />;
  else if (summary.isError)
    body = (
      <Result
        status="warning"
        title={t("imports.notFound")}
        subTitle={<ErrorAlert error={summary.error} />}
        extra={<Button onClick={another}>{t("imports.result.another")}</Button>}
      />
    );
  else if (summary.data.status === "uploaded")
    body = <DraftSteps id={summary.data.id} stage={stage} onStage={setStage} onRestart={restart} />;
  else body = <RunStep summary={summary.data} onAnother={another} />;

  return (
    <>
      {steps}
      {body}
    </>
  );
}

/** Steps 2 and 3: the uploaded file, mapped and previewed, until it is started. */
function DraftSteps({
  id,
  stage,
  onStage,
  onRestart,
}: {
  id: string;
  stage: Stage;
  onStage: (stage: Stage) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { draft, loadError, isLoading, updating, error, apply } = useImportDraft(id);
  const start = useStartImport();

  if (isLoading) return <Spin className="tw-step-spin" />;
  if (!draft) return <ErrorAlert error={loadError} />;
  const { preview } = draft;
  const importable = preview.counts.create + preview.counts.update;

  const begin = () =>
    start.mutate(
      { id, settings: preview.settings },
      {
        onSuccess: () => {
          queryClient.removeQueries({ queryKey: draftKey(id) });
          void queryClient.invalidateQueries({ queryKey: [...importsKey, "history"] });
        },
      },
    );

  return (
    <>
      <Typography.Paragraph className="tw-import-file">
        {t("imports.fileLine", {
          file: preview.fileName,
          format: preview.format.toUpperCase(),
          count: preview.rowsTotal,
        })}
      </Typography.Paragraph>
      {!!error && <ErrorAlert error={error} className="tw-step-alert" testId="import-preview-error" />}
      {stage === "map" ? (
        <MappingStep draft={draft} updating={updating} apply={apply} />
      ) : (
        <PreviewStep preview={preview} updating={updating} apply={apply} />
      )}
      {start.isError && <ErrorAlert error={start.error} className="tw-step-alert" />}
      <div className="tw-step-footer">
        <Typography.Text type="secondary" data-testid="import-summary-line">
          {t("imports.summaryLine", {
            create: preview.counts.create,
            update: preview.counts.update,
            skip: preview.counts.skip,
            reject: preview.counts.reject,
          })}
        </Typography.Text>
        {stage === "map" ? (
          <Space>
            <Button onClick={onRestart}>{t("imports.chooseAnother")}</Button>
            <Button type="primary" onClick={() => onStage("preview")} data-testid="import-next">
              {t("imports.next")}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={() => onStage("map")} data-testid="import-back">
              {t("imports.back")}
            </Button>
            <Button
              type="primary"
              onClick={begin}
              disabled={updating || importable === 0}
              loading={start.isPending}
              data-testid="import-start"
            >
              {importable === 0 ? t("imports.nothingToImport") : t("imports.start", { count: importable })}
            </Button>
          </Space>
        )}
      </div>
    </>
  );
}
