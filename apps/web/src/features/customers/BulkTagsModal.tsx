/** Adds and removes tags on the selected customers in one step ("展会-2026广交会", "价格敏感"). */
import { App, Form, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { useBulkTags, useCustomerTags } from "./customers.queries.ts";

interface Props {
  open: boolean;
  customerIds: string[];
  onClose: () => void;
  onDone?: () => void;
}

interface Values {
  add: string[];
  remove: string[];
}

export function BulkTagsModal({ open, customerIds, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const tags = useCustomerTags();
  const bulk = useBulkTags();
  const options = (tags.data?.items ?? []).map((tag) => ({ value: tag, label: tag }));

  const close = () => {
    form.resetFields();
    bulk.reset();
    onClose();
  };

  const submit = (values: Values) => {
    const add = (values.add ?? []).map((tag) => tag.trim()).filter(Boolean);
    const remove = values.remove ?? [];
    if (add.length === 0 && remove.length === 0) {
      close();
      return;
    }
    bulk.mutate(
      { customerIds, add, remove },
      {
        onSuccess: ({ updated }) => {
          void message.success(t("customers.tagsDone", { count: updated }));
          onDone?.();
          close();
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t("customers.tagsTitle", { count: customerIds.length })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={bulk.isPending}
      destroyOnHidden
    >
      {bulk.isError && <ErrorAlert error={bulk.error} className="tw-form-alert" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ add: [], remove: [] }}>
        <Form.Item name="add" label={t("customers.tagsAdd")} extra={t("customers.tagsAddHint")}>
          <Select mode="tags" options={options} tokenSeparators={[",", "，"]} maxCount={30} />
        </Form.Item>
        <Form.Item name="remove" label={t("customers.tagsRemove")}>
          <Select mode="multiple" options={options} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
