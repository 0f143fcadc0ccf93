/**
 * 公海规则 (settings.manage): after how many days without a follow-up a customer returns to the
 * pool (overall and per grade, e.g. longer for E customers), how many days ahead the owner is
 * warned, and how many customers one person may claim from the pool in 30 days.
 */
import { GRADES, type Grade, type PoolSettings } from "@tradewind/domain";
import { App, Button, Card, Col, Form, InputNumber, Row, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { showFieldErrors } from "../../shared/errors.ts";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { usePoolSettings, useSavePoolSettings } from "./customers.queries.ts";
import { gradeLabel } from "./vocabulary.ts";

interface Values {
  days: number;
  daysByGrade: Partial<Record<Grade, number | null>>;
  warnDaysBefore: number;
  claimLimit: number;
}

export function PoolSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const settings = usePoolSettings();
  const save = useSavePoolSettings();
  const days = Form.useWatch("days", form);

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const submit = (values: Values) => {
    // An empty per-grade box means "use the general rule": leave the grade out.
    const daysByGrade: PoolSettings["daysByGrade"] = {};
    for (const grade of GRADES) {
      const value = values.daysByGrade?.[grade];
      if (typeof value === "number") daysByGrade[grade] = value;
    }
    save.mutate(
      {
        days: values.days,
        daysByGrade,
        warnDaysBefore: values.warnDaysBefore,
        claimLimit: values.claimLimit,
      },
      {
        onSuccess: () => void message.success(t("poolSettings.saved")),
        onError: (error) => showFieldErrors(form, error),
      },
    );
  };

  return (
    <>
      <PageHeader title={t("nav.poolSettings")} description={t("poolSettings.intro")} />
      {settings.isError && <ErrorAlert error={settings.error} className="tw-form-alert" />}
      {save.isError && <ErrorAlert error={save.error} className="tw-form-alert" />}
      <Card loading={settings.isPending} style={{ maxWidth: 760 }}>
        <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={save.isPending}>
          <Form.Item
            name="days"
            label={t("poolSettings.days")}
            extra={t("poolSettings.daysHint")}
            rules={[{ required: true, message: t("poolSettings.required") }]}
          >
            <InputNumber
              min={7}
              max={3650}
              precision={0}
              suffix={t("poolSettings.daysUnit")}
              style={{ width: 200 }}
              data-testid="pool-days"
            />
          </Form.Item>
          <Typography.Text strong>{t("poolSettings.byGrade")}</Typography.Text>
          <Typography.Paragraph type="secondary" className="tw-small">
            {t("poolSettings.byGradeHint")}
          </Typography.Paragraph>
          <Row gutter={12}>
            {GRADES.map((grade) => (
              <Col key={grade} xs={12} sm={8} md={4}>
                <Form.Item name={["daysByGrade", grade]} label={gradeLabel(t, grade)}>
                  <InputNumber
                    min={7}
                    max={3650}
                    precision={0}
                    placeholder={String(days ?? "")}
                    style={{ width: "100%" }}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item
            name="warnDaysBefore"
            label={t("poolSettings.warnDaysBefore")}
            extra={t("poolSettings.warnHint")}
            rules={[{ required: true, message: t("poolSettings.required") }]}
          >
            <InputNumber
              min={0}
              max={60}
              precision={0}
              suffix={t("poolSettings.daysUnit")}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item
            name="claimLimit"
            label={t("poolSettings.claimLimit")}
            extra={t("poolSettings.claimLimitHint")}
            rules={[{ required: true, message: t("poolSettings.required") }]}
          >
            <InputNumber
              min={0}
              max={10000}
              precision={0}
              suffix={t("poolSettings.customersUnit")}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="pool-settings-save">
            {t("common.save")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
