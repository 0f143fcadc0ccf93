/**
 * The login page. On a demo installation the server lists the demo logins: clicking one fills in
 * the e-mail (and the shared demo password). After login the user returns to where it was going.
 */
import { LockOutlined, MailOutlined } from "@ant-design/icons";
import { BUILTIN_ROLES, type Locale } from "@tradewind/domain";
import { Alert, Button, Card, Form, Input, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../../api/client.ts";
import type { SetupState } from "../../api/types.ts";
import { FullPageSpin } from "../../app/guards.tsx";
import { safeNext } from "../../app/navigation.ts";
import { currentLocale } from "../../i18n/index.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { LanguageSwitch } from "../../shared/LanguageSwitch.tsx";
import { roleName } from "../../shared/labels.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useLogin, useMe, useSetupState } from "./auth.queries.ts";

interface LoginForm {
  email: string;
  password: string;
}

/** Demo roles are built-in roles: show them in the current language. */
function demoRoleName(login: { role: string; roleKey: string }, locale: Locale): string {
  const builtin = BUILTIN_ROLES.find((candidate) => candidate.key === login.roleKey);
  return builtin ? roleName(builtin, locale) : login.role;
}

function DemoLogins({ setup, onPick }: { setup: SetupState; onPick: (email: string) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Card title={t("login.demoTitle")} size="small">
      <Typography.Paragraph type="secondary">
        {setup.demoPassword
          ? t("login.demoHint", { password: setup.demoPassword })
          : t("login.demoHintNoPassword")}
      </Typography.Paragraph>
      <Table<SetupState["demoLogins"][number]>
        size="small"
        rowKey="email"
        pagination={false}
        dataSource={setup.demoLogins}
        rowClassName={() => "tw-demo-row"}
        onRow={(row) => ({ onClick: () => onPick(row.email) })}
        columns={[
          { title: t("login.demoName"), dataIndex: "name" },
          {
            title: t("login.demoRole"),
            dataIndex: "role",
            render: (_role: string, login) => demoRoleName(login, locale),
          },
          {
            title: t("login.demoEmail"),
            dataIndex: "email",
            render: (email: string) => <Typography.Link>{email}</Typography.Link>,
          },
        ]}
      />
    </Card>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const navigate = useNavigate();
  useDocumentTitle(t("login.title"));
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const me = useMe();
  const setup = useSetupState();
  const login = useLogin();

  if (me.data) return <Navigate to={next} replace />;
  if (setup.data?.needsAdmin) return <Navigate to="/setup" replace />;
  if (me.isPending) return <FullPageSpin />;

  const pickDemo = (email: string) => {
    form.setFieldsValue({ email, password: setup.data?.demoPassword ?? form.getFieldValue("password") });
    login.reset();
  };

  const submit = (values: LoginForm) => {
    login.mutate(values, { onSuccess: () => void navigate(next, { replace: true }) });
  };

  const error = login.error;
  const errorTitle =
    error instanceof ApiError && error.status === 401
      ? t("login.wrongCredentials")
      : error instanceof ApiError && error.status === 429
        ? t("login.throttled", { seconds: error.retryAfter ?? 60 })
        : t("login.failed");

  const demo = setup.data && setup.data.demoLogins.length > 0 ? setup.data : null;

  return (
    <div className="tw-login">
      <div className="tw-login-top">
        <span className="tw-brand">
          <img src="/favicon.svg" alt="" />
          <span>{t("app.name")}</span>
        </span>
        <LanguageSwitch />
      </div>
      <div
        className="tw-login-body"
        style={demo ? undefined : { gridTemplateColumns: "minmax(300px, 400px)", justifyContent: "center" }}
      >
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t("login.title")}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t("app.tagline")}</Typography.Paragraph>
          {error && (
            <ErrorAlert error={error} title={errorTitle} testId="login-error" className="tw-form-alert" />
          )}
          {setup.isError && <Alert type="warning" showIcon title={t("login.serverUnreachable")} />}
          <Form<LoginForm>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            disabled={login.isPending}
          >
            <Form.Item
              name="email"
              label={t("login.email")}
              rules={[
                { required: true, message: t("validation.emailRequired") },
                { type: "email", message: t("validation.email") },
              ]}
            >
              <Input
                data-testid="login-email"
                prefix={<MailOutlined />}
                autoComplete="username"
                placeholder={t("login.emailPlaceholder")}
                autoFocus
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t("login.password")}
              rules={[{ required: true, message: t("validation.passwordRequired") }]}
            >
              <Input.Password
                data-testid="login-password"
                prefix={<LockOutlined />}
                autoComplete="current-password"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={login.isPending}
              data-testid="login-submit"
            >
              {t("login.submit")}
            </Button>
          </Form>
        </Card>
        {demo && <DemoLogins setup={demo} onPick={pickDemo} />}
      </div>
    </div>
  );
}
