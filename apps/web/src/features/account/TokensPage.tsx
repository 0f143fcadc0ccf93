/**
 * API 令牌: personal tokens for integrations (an ERP, a script) that call the API as this user.
 * The secret is shown once, when created; the server keeps only its hash.
 */
import { KeyOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiToken, CreatedToken } from "../../api/types.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { errorLine, showFieldErrors } from "../../shared/errors.ts";
import { FormModal } from "../../shared/FormModal.tsx";
import { formatDate, formatDateTime, formatRelative } from "../../shared/format.ts";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from "./account.queries.ts";

interface TokenForm {
  name: string;
  /** Days until the token stops working; 0 for never. */
  expiresInDays: number;
}

const EXPIRY_CHOICES = [30, 90, 180, 365, 0];

function SecretModal({ created, onClose }: { created: CreatedToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!created}
      title={t("tokens.secretTitle", { name: created?.token.name ?? "" })}
      onCancel={onClose}
      closable={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-secret-done">
          {t("tokens.secretDone")}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t("tokens.secretWarning")} className="tw-form-alert" />
      <Typography.Paragraph
        className="tw-secret"
        copyable={{ text: created?.secret ?? "", tooltips: [t("tokens.copy"), t("tokens.copied")] }}
        data-testid="token-secret"
      >
        {created?.secret}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t("tokens.secretUsage")}</Typography.Paragraph>
    </Modal>
  );
}

export function TokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const save = (values: TokenForm, form: Parameters<typeof showFieldErrors>[0]) =>
    create.mutate(
      { name: values.name.trim(), expiresInDays: values.expiresInDays > 0 ? values.expiresInDays : null },
      {
        onSuccess: (result) => {
          setCreating(false);
          setCreated(result);
        },
        onError: (error) => showFieldErrors(form, error),
      },
    );

  const columns: TableColumnsType<ApiToken> = [
    {
      title: t("tokens.name"),
      dataIndex: "name",
      render: (name: string) => (
        <span>
          <KeyOutlined className="tw-muted" /> {name}
        </span>
      ),
    },
    {
      title: t("tokens.prefix"),
      dataIndex: "prefix",
      render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
    },
    { title: t("tokens.createdAt"), dataIndex: "createdAt", render: formatDateTime },
    {
      title: t("tokens.lastUsedAt"),
      dataIndex: "lastUsedAt",
      render: (iso: string | null) => (iso ? formatRelative(iso) : t("tokens.neverUsed")),
    },
    {
      title: t("tokens.expiresAt"),
      dataIndex: "expiresAt",
      render: (iso: string | null) => (iso ? formatDate(iso) : t("tokens.neverExpires")),
    },
    {
      title: t("common.actions"),
      key: "actions",
      width: 120,
      render: (_: unknown, token) => (
        <Popconfirm
          title={t("tokens.revokeTitle", { name: token.name })}
          description={<div style={{ maxWidth: 280 }}>{t("tokens.revokeText")}</div>}
          okText={t("tokens.revoke")}
          okButtonProps={{ danger: true }}
          cancelText={t("common.cancel")}
          onConfirm={() =>
            revoke.mutate(token.id, {
              onSuccess: () => void message.success(t("tokens.revoked", { name: token.name })),
              onError: (error) => void message.error(errorLine(error, t)),
            })
          }
        >
          <Typography.Link type="danger" data-testid={`token-revoke-${token.name}`}>
            {t("tokens.revoke")}
          </Typography.Link>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("nav.tokens")}
        description={t("tokens.intro")}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="token-create"
          >
            {t("tokens.create")}
          </Button>
        }
      />
      {tokens.isError && <ErrorAlert error={tokens.error} className="tw-form-alert" />}
      <div data-testid="tokens-table">
        <Table<ApiToken>
          rowKey="id"
          columns={columns}
          dataSource={tokens.data?.items ?? []}
          loading={tokens.isFetching}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("tokens.empty")} />,
          }}
        />
      </div>
      <FormModal<TokenForm>
        open={creating}
        title={t("tokens.create")}
        okText={t("tokens.createSubmit")}
        values={{ name: "", expiresInDays: 90 }}
        recordKey="new"
        saving={create.isPending}
        error={create.error}
        onCancel={() => {
          setCreating(false);
          create.reset();
        }}
        onSubmit={save}
        testId="token-form"
      >
        <Form.Item
          name="name"
          label={t("tokens.name")}
          extra={t("tokens.nameHint")}
          rules={[
            { required: true, whitespace: true, message: t("tokens.nameRequired") },
            { max: 100, message: t("validation.tooLong", { max: 100 }) },
          ]}
        >
          <Input data-testid="token-form-name" placeholder={t("tokens.namePlaceholder")} />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t("tokens.expiry")}>
          <Select
            data-testid="token-form-expiry"
            options={EXPIRY_CHOICES.map((days) => ({
              value: days,
              label: days === 0 ? t("tokens.neverExpires") : t("tokens.days", { count: days }),
            }))}
          />
        </Form.Item>
      </FormModal>
      <SecretModal created={created} onClose={() => setCreated(null)} />
    </>
  );
}
