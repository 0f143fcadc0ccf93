/**
 * 转移: gives one or several customers to another owner. Their follow-ups and history go with
 * them (R-CUST-3); the new owner sees them at once, the old one no longer does (unless a lead).
 */
import { Alert, App, Form, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { useUserOptions } from "../users/users.queries.ts";
import { useTransferCustomers } from "./customers.queries.ts";

interface Props {
  open: boolean;
  customerIds: string[];
  /** The one customer's name, when transferring one (for the title). */
  name?: string;
  /** The present owner, left out of the choices. */
  currentOwnerId?: string | null;
  onClose: () => void;
  onDone?: (count: number) => void;
}

export function TransferModal({ open, customerIds, name, currentOwnerId, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ toUserId: string }>();
  const users = useUserOptions(open);
  const transfer = useTransferCustomers();

  const close = () => {
    form.resetFields();
    transfer.reset();
    onClose();
  };

  const submit = ({ toUserId }: { toUserId: string }) =>
    transfer.mutate(
      { customerIds, toUserId },
      {
        onSuccess: ({ transferred }) => {
          const owner = users.byId.get(toUserId)?.name ?? "";
          void message.success(t("customers.transferDone", { count: transferred, owner }));
          onDone?.(transferred);
          close();
        },
      },
    );

  return (
    <Modal
      open={open}
      title={
        name
          ? t("customers.transferOneTitle", { name })
          : t("customers.transferTitle", { count: customerIds.length })
      }
      okText={t("customers.transfer")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={transfer.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "transfer-submit" }}
    >
      <Alert type="info" showIcon title={t("customers.transferHint")} className="tw-form-alert" />
      {transfer.isError && <ErrorAlert error={transfer.error} className="tw-form-alert" />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="toUserId"
          label={t("customers.transferTo")}
          rules={[{ required: true, message: t("customers.transferToRequired") }]}
        >
          <Select
            showSearch={{ optionFilterProp: "label" }}
            loading={users.isPending}
            placeholder={t("users.pickPerson")}
            options={users.options
              .filter((user) => user.id !== currentOwnerId)
              .map((user) => ({ value: user.id, label: user.name }))}
            data-testid="transfer-to"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
