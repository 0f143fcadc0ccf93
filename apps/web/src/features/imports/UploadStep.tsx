/**
 * Step 1 of 导入客户: choose one spreadsheet (drag it in or click), with what the importer reads,
 * the blank template to start from, and the saved column mappings that are applied by themselves
 * to a file with the same headers.
 */
import { DeleteOutlined, DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import type { ImportPreview, Locale } from "@tradewind/domain";
import { App, Button, Card, Col, List, Popconfirm, Row, Space, Spin, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLocale } from "../../i18n/index.ts";
import { downloadFile } from "../../shared/download.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { errorLine } from "../../shared/errors.ts";
import { formatDate } from "../../shared/format.ts";
import { localeLabel } from "../../shared/options.ts";
import { useDeleteImportTemplate, useImportTemplates, useUploadImport } from "./imports.queries.ts";

/** The server's limit; checked here too, so a large file is refused before minutes of uploading. */
export const MAX_FILE_MB = 20;
const ACCEPT = ".xlsx,.xls,.csv,.tsv";
const OTHER_LOCALE: Record<Locale, Locale> = { "zh-CN": "en-US", "en-US": "zh-CN" };

/** The blank template in one language; its file name comes from the server. */
export function downloadBlankTemplate(locale: Locale): Promise<string> {
  return downloadFile("/api/imports/blank-template", "customer-import-template.xlsx", { query: { locale } });
}

export function UploadStep({ onUploaded }: { onUploaded: (preview: ImportPreview) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const upload = useUploadImport();
  const [fileName, setFileName] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);

  const choose = (file: File) => {
    setTooLarge(null);
    if (file.size > MAX_FILE_MB * 1024 * 1024) {
      setTooLarge(t("imports.upload.tooLarge", { name: file.name, max: MAX_FILE_MB }));
      return;
    }
    setFileName(file.name);
    upload.mutate(file, { onSuccess: onUploaded });
  };

  const template = (which: Locale) =>
    void downloadBlankTemplate(which).catch((error: unknown) => void message.error(errorLine(error, t)));

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Spin spinning={upload.isPending} description={t("imports.upload.reading", { name: fileName ?? "" })}>
          <Upload.Dragger
            accept={ACCEPT}
            multiple={false}
            maxCount={1}
            showUploadList={false}
            disabled={upload.isPending}
            beforeUpload={(file) => {
              choose(file);
              // The file goes up through the API client (session, CSRF, errors), not the widget.
              return Upload.LIST_IGNORE;
            }}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t("imports.upload.drop")}</p>
            <p className="ant-upload-hint">{t("imports.upload.hint", { max: MAX_FILE_MB })}</p>
          </Upload.Dragger>
        </Spin>
        {tooLarge && (
          <ErrorAlert error={new Error(tooLarge)} title={t("errors.too_large")} className="tw-step-alert" />
        )}
        {upload.isError && (
          <ErrorAlert
            error={upload.error}
            title={t("imports.upload.failed", { name: fileName ?? "" })}
            className="tw-step-alert"
            testId="import-upload-error"
          />
        )}
        <Typography.Paragraph type="secondary" className="tw-step-note">
          {t("imports.upload.whatHappens")}
        </Typography.Paragraph>
      </Col>
      <Col xs={24} lg={8}>
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          <Card size="small" title={t("imports.template.title")}>
            <Typography.Paragraph type="secondary">{t("imports.template.intro")}</Typography.Paragraph>
            <Space wrap>
              <Button
                icon={<DownloadOutlined />}
                onClick={() => template(locale)}
                data-testid="import-template-download"
              >
                {t("imports.template.download", { language: localeLabel(t, locale) })}
              </Button>
              <Button type="link" onClick={() => template(OTHER_LOCALE[locale])}>
                {localeLabel(t, OTHER_LOCALE[locale])}
              </Button>
            </Space>
          </Card>
          <SavedTemplates />
        </Space>
      </Col>
    </Row>
  );
}

function SavedTemplates() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const templates = useImportTemplates();
  const remove = useDeleteImportTemplate();
  const items = templates.data?.items ?? [];
  return (
    <Card size="small" title={t("imports.templates.title")} data-testid="import-templates">
      <Typography.Paragraph type="secondary">{t("imports.templates.intro")}</Typography.Paragraph>
      {templates.isError && <ErrorAlert error={templates.error} />}
      <List
        size="small"
        loading={templates.isPending}
        dataSource={items}
        locale={{ emptyText: t("imports.templates.empty") }}
        renderItem={(template) => (
          <List.Item
            actions={[
              <Popconfirm
                key="delete"
                title={t("imports.templates.deleteTitle", { name: template.name })}
                okText={t("common.delete")}
                cancelText={t("common.cancel")}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutate(template.id, {
                    onSuccess: () => void message.success(t("common.deletedNamed", { name: template.name })),
                    onError: (error) => void message.error(errorLine(error, t)),
                  })
                }
              >
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t("imports.templates.delete", { name: template.name })}
                />
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={template.name}
              description={t("imports.templates.meta", {
                count: Object.keys(template.mapping).length,
                date: formatDate(template.createdAt),
              })}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
