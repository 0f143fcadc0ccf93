/**
 * 我的一天: where a rep starts the morning. Follow-ups due today or overdue (overdue in red),
 * urgent customers of the coming week, and key accounts nobody has contacted for 30 days; each
 * row opens the customer. Only customers the rep owns or is the dedicated owner of.
 */
import { StarFilled } from "@ant-design/icons";
import { daysBetween } from "@tradewind/domain";
import { Button, Card, Col, Empty, Row, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { holds } from "../../app/access.ts";
import { currentLocale } from "../../i18n/index.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { formatDate, formatRelative } from "../../shared/format.ts";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { useMe } from "../auth/auth.queries.ts";
import { GradeTag, UrgencyTag } from "./CustomerBadges.tsx";
import { type MyDayCustomer, useMyDay } from "./customers.queries.ts";
import { countryLabel, isGrade, isUrgency } from "./vocabulary.ts";

type Variant = "due" | "urgent" | "untouched";

function MyDayRow({
  customer,
  variant,
  today,
}: {
  customer: MyDayCustomer;
  variant: Variant;
  today: string;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const grade = isGrade(customer.grade) ? customer.grade : null;
  let when: ReactNode;
  if (variant === "untouched") {
    when = customer.lastFollowUpAt
      ? t("myDay.lastContact", { when: formatRelative(customer.lastFollowUpAt) })
      : t("myDay.neverContacted");
  } else if (customer.nextActionDate && customer.overdue) {
    when = (
      <>
        <Typography.Text type="danger" strong>
          {t("myDay.overdueDays", { days: daysBetween(customer.nextActionDate, today) })}
        </Typography.Text>
        <div className="tw-muted">{formatDate(customer.nextActionDate)}</div>
      </>
    );
  } else if (customer.nextActionDate === today) {
    when = <Typography.Text strong>{t("myDay.dueToday")}</Typography.Text>;
  } else {
    when = formatDate(customer.nextActionDate);
  }
  return (
    <Link to={`/customers/${customer.id}`} className="tw-myday-row" data-testid={`my-day-row-${customer.id}`}>
      <div className="tw-myday-main">
        <Space size={4}>
          <Typography.Text strong>{customer.companyName}</Typography.Text>
          {customer.keyAccount && <StarFilled style={{ color: "#faad14" }} />}
        </Space>
        <div className="tw-small tw-muted">
          {[customer.localName, countryLabel(customer.country, locale)].filter(Boolean).join(" · ")}
        </div>
        {customer.nextAction && variant !== "untouched" && (
          <div className="tw-small">{customer.nextAction}</div>
        )}
      </div>
      <div className="tw-myday-side">
        <div className="tw-small">{when}</div>
        <Space size={2}>
          <GradeTag grade={grade} />
          {variant === "urgent" && (
            <UrgencyTag urgency={isUrgency(customer.urgency) ? customer.urgency : null} />
          )}
        </Space>
      </div>
    </Link>
  );
}

function Section({
  title,
  hint,
  items,
  variant,
  empty,
  testId,
  today,
}: {
  today: string;
  title: string;
  hint: string;
  items: MyDayCustomer[];
  variant: Variant;
  empty: string;
  testId: string;
}) {
  const overdue = items.filter((item) => item.overdue).length;
  const { t } = useTranslation();
  return (
    <Card
      title={
        <Space>
          {title}
          <Typography.Text type="secondary">{items.length}</Typography.Text>
          {variant === "due" && overdue > 0 && (
            <Typography.Text type="danger" className="tw-small">
              {t("myDay.overdueCount", { count: overdue })}
            </Typography.Text>
          )}
        </Space>
      }
      size="small"
      data-testid={testId}
      style={{ height: "100%" }}
    >
      <Typography.Paragraph type="secondary" className="tw-small">
        {hint}
      </Typography.Paragraph>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <div className="tw-myday-list">
          {items.map((customer) => (
            <MyDayRow key={customer.id} customer={customer} variant={variant} today={today} />
          ))}
        </div>
      )}
    </Card>
  );
}

export function MyDayPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const myDay = useMyDay();
  const data = myDay.data;

  return (
    <>
      <PageHeader
        title={t("nav.myDay")}
        description={data ? t("myDay.intro", { date: formatDate(data.today) }) : t("myDay.introLoading")}
        extra={
          holds(me, "customers.read") && (
            <Link to="/customers?overdue=true&sort=nextActionDate">
              <Button>{t("myDay.allOverdue")}</Button>
            </Link>
          )
        }
      />
      {myDay.isError && <ErrorAlert error={myDay.error} className="tw-form-alert" />}
      {myDay.isPending ? (
        <Card loading />
      ) : (
        data && (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={8}>
              <Section
                title={t("myDay.due")}
                hint={t("myDay.dueHint")}
                items={data.due}
                variant="due"
                empty={t("myDay.dueEmpty")}
                testId="my-day-due"
                today={data.today}
              />
            </Col>
            <Col xs={24} lg={8}>
              <Section
                title={t("myDay.urgent")}
                hint={t("myDay.urgentHint")}
                items={data.urgent}
                variant="urgent"
                empty={t("myDay.urgentEmpty")}
                testId="my-day-urgent"
                today={data.today}
              />
            </Col>
            <Col xs={24} lg={8}>
              <Section
                title={t("myDay.untouched")}
                hint={t("myDay.untouchedHint")}
                items={data.untouchedKeyAccounts}
                variant="untouched"
                empty={t("myDay.untouchedEmpty")}
                testId="my-day-key-accounts"
                today={data.today}
              />
            </Col>
          </Row>
        )
      )}
    </>
  );
}
