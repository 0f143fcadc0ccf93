/**
 * A small form in a modal (departments, teams, zones, tokens): fills in the record when opened,
 * shows the server's error above the fields, and submits on OK or Enter.
 */
import { Form, type FormInstance, Modal } from "antd";
import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { isStaleVersion } from "./errors.ts";

interface Props<Values> {
  open: boolean;
  title: ReactNode;
  /** Values to fill in when the modal opens, or when `recordKey` changes while open. */
  values: Values;
  /** Identifies the record and its version ("new" when creating), e.g. `${id}:${version}`. */
  recordKey: string;
  saving: boolean;
  error: unknown;
  okText?: ReactNode;
  testId?: string;
  onCancel: () => void;
  onSubmit: (values: Values, form: FormInstance<Values>) => void;
  children: ReactNode;
}

export function FormModal<Values extends object>({
  open,
  title,
  values,
  recordKey,
  saving,
  error,
  okText,
  testId,
  onCancel,
  onSubmit,
  children,
}: Props<Values>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-fill per record version, not per render (values is a fresh object each time)
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
  }, [open, recordKey, form]);

  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t("common.save")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={saving}
      destroyOnHidden
      forceRender
      okButtonProps={testId ? { "data-testid": `${testId}-submit` } : undefined}
    >
      {!!error && !isStaleVersion(error) && <ErrorAlert error={error} className="tw-form-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={saving}
        onFinish={(submitted) => onSubmit(submitted, form)}
        data-testid={testId}
      >
        {children}
      </Form>
    </Modal>
  );
}
