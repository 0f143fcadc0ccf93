/**
 * The small marks a customer carries everywhere (list, board, detail, my day): its grade, with a
 * warning when set by hand against the suggestion; urgency; deal status; demand; key account;
 * and the next follow-up date, red when it has passed.
 */
import { ExclamationCircleOutlined, StarFilled } from "@ant-design/icons";
import type { DealStatus, Demand, Grade, Urgency } from "@tradewind/domain";
import { Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDate, todayIso } from "../../shared/format.ts";
import {
  DEAL_STATUS_COLORS,
  DEMAND_COLORS,
  dealStatusLabel,
  demandLabel,
  GRADE_COLORS,
  gradeLabel,
  URGENCY_COLORS,
  urgencyLabel,
} from "./vocabulary.ts";

interface GradeProps {
  grade: Grade | null;
  suggestedGrade?: Grade | null;
  overridden?: boolean;
  testId?: string;
}

/** "A 级"; set by hand against the suggestion: "A 级 ⚠" with the suggested grade in a tooltip. */
export function GradeTag({ grade, suggestedGrade = null, overridden = false, testId }: GradeProps) {
  const { t } = useTranslation();
  const tag = (
    <Tag color={grade ? GRADE_COLORS[grade] : "default"} data-testid={testId} data-grade={grade ?? "none"}>
      {gradeLabel(t, grade)}
      {overridden && <ExclamationCircleOutlined style={{ marginInlineStart: 4 }} />}
    </Tag>
  );
  if (!overridden) return tag;
  return (
    <Tooltip
      title={
        suggestedGrade
          ? t("customers.gradeOverriddenHint", { suggested: gradeLabel(t, suggestedGrade) })
          : t("customers.gradeSetByHand")
      }
    >
      {tag}
    </Tooltip>
  );
}

export function UrgencyTag({ urgency, testId }: { urgency: Urgency | null; testId?: string }) {
  const { t } = useTranslation();
  if (!urgency) {
    return (
      <Typography.Text type="secondary" data-testid={testId} data-urgency="none">
        {urgencyLabel(t, null)}
      </Typography.Text>
    );
  }
  return (
    <Tag color={URGENCY_COLORS[urgency]} data-testid={testId} data-urgency={urgency}>
      {urgencyLabel(t, urgency)}
    </Tag>
  );
}

export function DealStatusTag({ value }: { value: DealStatus }) {
  const { t } = useTranslation();
  return <Tag color={DEAL_STATUS_COLORS[value]}>{dealStatusLabel(t, value)}</Tag>;
}

export function DemandTag({ value }: { value: Demand }) {
  const { t } = useTranslation();
  return <Tag color={DEMAND_COLORS[value]}>{demandLabel(t, value)}</Tag>;
}

export function KeyAccountMark() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t("customers.keyAccountHint")}>
      <Tag color="gold" icon={<StarFilled />}>
        {t("customers.keyAccount")}
      </Tag>
    </Tooltip>
  );
}

/** The next follow-up date; red with "overdue" when it has passed, so nobody misses it. */
export function NextActionDate({ date, action }: { date: string | null; action?: string | null }) {
  const { t } = useTranslation();
  if (!date) return <Typography.Text type="secondary">{t("customers.noNextAction")}</Typography.Text>;
  const overdue = date < todayIso();
  return (
    <Tooltip title={action || undefined}>
      <Typography.Text type={overdue ? "danger" : undefined} strong={overdue} data-overdue={overdue}>
        {formatDate(date)}
        {overdue && ` · ${t("customers.overdue")}`}
      </Typography.Text>
    </Tooltip>
  );
}
