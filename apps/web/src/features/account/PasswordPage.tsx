/** 修改密码: change one's own password. The server then ends the user's other sessions. */
import { App, Button, Card, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { showFieldErrors } from "../../shared/errors.ts";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { newPasswordRules, repeatPasswordRules } from "../../shared/rules.ts";
import { useChangePassword } from "./account.queries.ts";

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export function PasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangePassword();

  const submit = ({ currentPassword, newPassword }: PasswordForm) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t("password.changed"));
        },
        onError: (error) => showFieldErrors(form, error),
      },
    );

  return (
    <>
      <PageHeader title={t("nav.password")} description={t("password.intro")} />
      <Card style={{ maxWidth: 520 }}>
        {change.isError && <ErrorAlert error={change.error} className="tw-form-alert" />}
        <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} disabled={change.isPending}>
          <Form.Item
            name="currentPassword"
            label={t("password.current")}
            rules={[{ required: true, message: t("validation.passwordRequired") }]}
          >
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t("password.new")}
            rules={newPasswordRules(t)}
            extra={t("validation.passwordHint")}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t("password.repeat")}
            dependencies={["newPassword"]}
            rules={repeatPasswordRules(t, "newPassword")}
          >
            <Input.Password autoComplete="new-password" data-testid="password-repeat" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
            {t("password.submit")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
