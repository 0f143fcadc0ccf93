/**
 * 交接: all customers of one person (typically someone leaving) go to a colleague in one step,
 * with their follow-ups and history (R-CUST-3), so no customer is lost with the person.
 */

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { useUserOptions } from "../users/users.queries.ts";
import { customersKey } from "./customers.queries.ts";

interface Values {
  fromUserId: string;
  toUserId: string;
}

export function HandOverModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const users = useUserOptions(open);
  const queryClient = useQueryClient();
  const handOver = useMutation({
    mutationFn: (input: Values) =>
      api<{ transferred: number }>("/api/customers/hand-over", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customersKey }),
  });
  const fromUserId = Form.useWatch("fromUserId", form);
  const options = users.options.map((user) => ({ value: user.id, label: user.name }));

  const close = () => {
    form.resetFields();
    handOver.reset();
    onClose();
  };

  const submit = (values: Values) =>
    handOver.mutate(values, {
      onSuccess: ({ transferred }) => {
        void message.success(
          t("handOver.done", {
            count: transferred,
            from: users.byId.get(values.fromUserId)?.name ?? "",
            to: users.byId.get(values.toUserId)?.name ?? "",
          }),
        );
        close();
      },
    });

  return (
    <Modal
      open={open}
      title={t("handOver.title")}
      okText={t("handOver.submit")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={handOver.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t("handOver.intro")} className="tw-form-alert" />
      {handOver.isError && <ErrorAlert error={handOver.error} className="tw-form-alert" />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="fromUserId"
          label={t("handOver.from")}
          extra={t("handOver.fromHint")}
          rules={[{ required: true, message: t("handOver.fromRequired") }]}
        >
          <Select showSearch={{ optionFilterProp: "label" }} options={options} loading={users.isPending} />
        </Form.Item>
        <Form.Item
          name="toUserId"
          label={t("handOver.to")}
          rules={[{ required: true, message: t("handOver.toRequired") }]}
        >
          <Select
            showSearch={{ optionFilterProp: "label" }}
            options={options.filter((option) => option.value !== fromUserId)}
            loading={users.isPending}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
