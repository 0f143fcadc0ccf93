/** An administrator sets a new password for a user who forgot theirs. */
import { App, Form, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { User } from "../../api/types.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { showFieldErrors } from "../../shared/errors.ts";
import { newPasswordRules, repeatPasswordRules } from "../../shared/rules.ts";
import { useResetUserPassword } from "./users.queries.ts";

interface Props {
  user: User | null;
  onClose: () => void;
}

export function ResetPasswordModal({ user, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; repeat: string }>();
  const reset = useResetUserPassword();

  const close = () => {
    form.resetFields();
    reset.reset();
    onClose();
  };

  const submit = ({ password }: { password: string }) => {
    if (!user) return;
    reset.mutate(
      { id: user.id, password },
      {
        onSuccess: () => {
          void message.success(t("users.resetDone", { name: user.name }));
          close();
        },
        onError: (error) => showFieldErrors(form, error),
      },
    );
  };

  return (
    <Modal
      open={!!user}
      title={t("users.resetTitle", { name: user?.name ?? "" })}
      okText={t("users.resetSubmit")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("users.resetIntro")}</Typography.Paragraph>
      {reset.isError && <ErrorAlert error={reset.error} className="tw-form-alert" />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="password" label={t("users.newPassword")} rules={newPasswordRules(t)}>
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t("users.repeatPassword")}
          dependencies={["password"]}
          rules={repeatPasswordRules(t, "password")}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-repeat" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
