/** First start of a new installation: create the administrator account, which logs it in. */
import { Button, Card, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate } from "react-router";
import { FullPageSpin } from "../../app/guards.tsx";
import { currentLocale } from "../../i18n/index.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { showFieldErrors } from "../../shared/errors.ts";
import { LanguageSwitch } from "../../shared/LanguageSwitch.tsx";
import { emailRules, nameRules, newPasswordRules, repeatPasswordRules } from "../../shared/rules.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useCreateFirstAdmin, useSetupState } from "./auth.queries.ts";

interface SetupForm {
  email: string;
  name: string;
  password: string;
  repeat: string;
}

export function SetupPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SetupForm>();
  const navigate = useNavigate();
  useDocumentTitle(t("setup.title"));
  const setup = useSetupState();
  const create = useCreateFirstAdmin();

  if (setup.isPending) return <FullPageSpin />;
  if (setup.data && !setup.data.needsAdmin && !create.isSuccess) return <Navigate to="/login" replace />;

  const submit = ({ repeat: _repeat, ...values }: SetupForm) => {
    // The administrator's language is the one the page is shown in (the switch at the top).
    create.mutate(
      { ...values, locale: currentLocale() },
      {
        onSuccess: () => void navigate("/", { replace: true }),
        onError: (error) => showFieldErrors(form, error),
      },
    );
  };

  return (
    <div className="tw-login">
      <div className="tw-login-top">
        <span className="tw-brand">
          <img src="/favicon.svg" alt="" />
          <span>{t("app.name")}</span>
        </span>
        <LanguageSwitch />
      </div>
      <Card style={{ width: "100%", maxWidth: 460 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t("setup.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("setup.intro")}</Typography.Paragraph>
        {setup.isError && <ErrorAlert error={setup.error} className="tw-form-alert" />}
        {create.isError && <ErrorAlert error={create.error} className="tw-form-alert" />}
        <Form<SetupForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
          disabled={create.isPending}
        >
          <Form.Item name="name" label={t("setup.name")} rules={nameRules(t, 100, true)}>
            <Input data-testid="setup-name" autoComplete="name" autoFocus />
          </Form.Item>
          <Form.Item name="email" label={t("setup.email")} rules={emailRules(t)}>
            <Input
              data-testid="setup-email"
              autoComplete="username"
              placeholder={t("login.emailPlaceholder")}
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("setup.password")}
            rules={newPasswordRules(t)}
            extra={t("validation.passwordHint")}
          >
            <Input.Password data-testid="setup-password" autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t("setup.repeat")}
            dependencies={["password"]}
            rules={repeatPasswordRules(t, "password")}
          >
            <Input.Password data-testid="setup-repeat" autoComplete="new-password" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={create.isPending}
            data-testid="setup-submit"
          >
            {t("setup.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
