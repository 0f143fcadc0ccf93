/**
 * Customer classification (客户划分, 客户等级): four independent dimensions and one grade
 * (R-CLS-1 .. R-CLS-4, R-GRADE-1). Urgency and the suggested grade are derived here, as pure
 * functions of dates, so the server, the daily job and the UI agree.
 */
import { addDays, addMonths, type IsoDate } from "./dates.ts";

/** R-CLS-1: 已成交 / 正在谈判 / 潜在. */
export const DEAL_STATUSES = ["closed", "negotiating", "potential"] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** R-CLS-2: A/B/C by potential volume; set by ABC analysis or by hand. */
export const IMPORTANCE_CLASSES = ["A", "B", "C"] as const;
export type Importance = (typeof IMPORTANCE_CLASSES)[number];

/** R-CLS-3: 紧急 / 缓急 / 不紧急 / 可慢反应. */
export const URGENCIES = ["urgent", "moderate", "not_urgent", "slow"] as const;
export type Urgency = (typeof URGENCIES)[number];

/** R-CLS-4: 目标客户 / 潜在客户 / 死亡客户. */
export const DEMANDS = ["target", "potential", "dead"] as const;
export type Demand = (typeof DEMANDS)[number];

/** R-GRADE-1: A-E. */
export const GRADES = ["A", "B", "C", "D", "E"] as const;
export type Grade = (typeof GRADES)[number];

/**
 * R-CLS-3: urgency from the date by which the customer must next be handled. Within a week
 * (overdue included) is urgent, up to a month moderate, up to three months not urgent, beyond
 * that slow. No next-action date: no urgency.
 */
export function urgencyFor(nextActionDate: IsoDate | null, today: IsoDate): Urgency | null {
  if (!nextActionDate) return null;
  if (nextActionDate <= addDays(today, 7)) return "urgent";
  if (nextActionDate <= addMonths(today, 1)) return "moderate";
  if (nextActionDate <= addMonths(today, 3)) return "not_urgent";
  return "slow";
}

/**
 * R-GRADE-1: the grade suggested by demand and expected close date.
 * A clear need closing within 1 month is A, within 3 months B, within 6 months C, later D;
 * a latent need is D; no need (dead) is E. A clear need without an expected close date gets no
 * suggestion: the owner has to say when it will close.
 */
export function suggestGrade(
  demand: Demand,
  expectedCloseDate: IsoDate | null,
  today: IsoDate,
): Grade | null {
  if (demand === "dead") return "E";
  if (demand === "potential") return "D";
  if (!expectedCloseDate) return null;
  if (expectedCloseDate <= addMonths(today, 1)) return "A";
  if (expectedCloseDate <= addMonths(today, 3)) return "B";
  if (expectedCloseDate <= addMonths(today, 6)) return "C";
  return "D";
}

/** R-CLS-1: a customer with a signed contract is closed, whatever was set by hand. */
export function derivedDealStatus(current: DealStatus, hasSignedContract: boolean): DealStatus {
  return hasSignedContract ? "closed" : current;
}
