/**
 * 跟进记录: what happened with the customer today (date, channel, contact, summary) and what
 * comes next. The next action and its date become the customer's own, which sets its urgency
 * (紧急 within a week): so a rep plans the next step in the same breath as recording this one.
 */
import type { Contact, FollowUp, FollowUpChannel } from "@tradewind/domain";
import { Button, Col, DatePicker, Form, Input, Row, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { isStaleVersion, showFieldErrors } from "../../shared/errors.ts";
import type { FollowUpInput } from "./customers.queries.ts";
import { channelOptions } from "./vocabulary.ts";

interface Values {
  date: Dayjs;
  channel: FollowUpChannel;
  contactId?: string | null;
  summary: string;
  nextAction?: string | null;
  nextActionDate?: Dayjs | null;
}

interface Props {
  contacts: Contact[];
  /** The follow-up to edit; undefined to record a new one. */
  followUp?: FollowUp;
  saving: boolean;
  error: unknown;
  onSubmit: (input: FollowUpInput, done: () => void, fail: (error: unknown) => void) => void;
  onCancel?: () => void;
}

function initialValues(contacts: Contact[], followUp: FollowUp | undefined): Values {
  if (followUp) {
    return {
      date: dayjs(followUp.date),
      channel: followUp.channel,
      contactId: followUp.contactId,
      summary: followUp.summary,
      nextAction: followUp.nextAction,
      nextActionDate: followUp.nextActionDate ? dayjs(followUp.nextActionDate) : null,
    };
  }
  return {
    date: dayjs(),
    channel: "email",
    contactId: (contacts.find((contact) => contact.primary) ?? contacts[0])?.id ?? null,
    summary: "",
    nextAction: null,
    nextActionDate: null,
  };
}

export function FollowUpForm({ contacts, followUp, saving, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: refill per follow-up version, not per render
  useEffect(() => {
    form.setFieldsValue(initialValues(contacts, followUp));
  }, [followUp?.id, followUp?.version]);

  const presets = [
    { label: t("followUps.in3Days"), value: dayjs().add(3, "day") },
    { label: t("followUps.in1Week"), value: dayjs().add(1, "week") },
    { label: t("followUps.in2Weeks"), value: dayjs().add(2, "week") },
    { label: t("followUps.in1Month"), value: dayjs().add(1, "month") },
    { label: t("followUps.in3Months"), value: dayjs().add(3, "month") },
  ];

  const submit = (values: Values) => {
    const nextAction = values.nextAction?.trim() || null;
    onSubmit(
      {
        date: values.date.format("YYYY-MM-DD"),
        channel: values.channel,
        summary: values.summary.trim(),
        contactId: values.contactId ?? null,
        nextAction,
        nextActionDate: values.nextActionDate ? values.nextActionDate.format("YYYY-MM-DD") : null,
      },
      () => {
        if (followUp) return;
        // Ready for the next entry: same day and channel, the rest cleared.
        form.setFieldsValue({ summary: "", nextAction: null, nextActionDate: null });
        form.setFields([{ name: "summary", errors: [] }]);
      },
      (failure) => showFieldErrors(form, failure),
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      disabled={saving}
      initialValues={initialValues(contacts, followUp)}
      data-testid={followUp ? "followup-edit-form" : "followup-form"}
    >
      {!!error && !isStaleVersion(error) && <ErrorAlert error={error} className="tw-form-alert" />}
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item
            name="date"
            label={t("followUps.date")}
            rules={[{ required: true, message: t("followUps.dateRequired") }]}
          >
            <DatePicker style={{ width: "100%" }} format="YYYY-MM-DD" allowClear={false} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="channel" label={t("followUps.channel")}>
            <Select options={channelOptions(t)} data-testid="followup-channel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="contactId" label={t("followUps.contact")}>
            <Select
              allowClear
              placeholder={
                contacts.length === 0 ? t("followUps.noContacts") : t("followUps.contactPlaceholder")
              }
              options={contacts.map((contact) => ({
                value: contact.id,
                label: contact.title ? `${contact.name} · ${contact.title}` : contact.name,
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="summary"
            label={t("followUps.summary")}
            rules={[
              { required: true, whitespace: true, message: t("followUps.summaryRequired") },
              { max: 5000, message: t("validation.tooLong", { max: 5000 }) },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 8 }}
              placeholder={t("followUps.summaryPlaceholder")}
              data-testid="followup-summary"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item name="nextAction" label={t("followUps.nextAction")}>
            <Input
              maxLength={500}
              placeholder={t("followUps.nextActionPlaceholder")}
              data-testid="followup-next-action"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item
            name="nextActionDate"
            label={t("followUps.nextActionDate")}
            extra={t("followUps.nextActionDateHint")}
            dependencies={["nextAction"]}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_rule, value: Dayjs | null | undefined) =>
                  value || !getFieldValue("nextAction")?.trim()
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("followUps.nextDateRequired"))),
              }),
            ]}
          >
            <DatePicker
              style={{ width: "100%" }}
              format="YYYY-MM-DD"
              presets={presets}
              data-testid="followup-next-date"
            />
          </Form.Item>
        </Col>
      </Row>
      <div className="tw-form-actions">
        {onCancel && <Button onClick={onCancel}>{t("common.cancel")}</Button>}
        <Button
          type="primary"
          htmlType="submit"
          loading={saving}
          data-testid={followUp ? "followup-save" : "followup-submit"}
        >
          {followUp ? t("common.save") : t("followUps.submit")}
        </Button>
      </div>
    </Form>
  );
}
