/**
 * The customer vocabulary in the user's language: grades, deal status, importance, urgency,
 * demand, sources, credit status, follow-up channels, duplicate reasons, and countries. The
 * colours are fixed per value so a rep learns them once: red is urgent everywhere.
 * The i18n test checks every value of the domain's lists has a label in both languages.
 */
import {
  CREDIT_STATUSES,
  type CreditStatus,
  CUSTOMER_SOURCES,
  type CustomerSource,
  countryName,
  DEAL_STATUSES,
  DEMANDS,
  type DealStatus,
  type Demand,
  type DuplicateMatch,
  FOLLOW_UP_CHANNELS,
  type FollowUpChannel,
  GRADES,
  type Grade,
  IMPORTANCE_CLASSES,
  type Importance,
  type Locale,
  listCountries,
  URGENCIES,
  type Urgency,
} from "@tradewind/domain";
import type { TFunction } from "i18next";

export type MatchReason = DuplicateMatch["matchedOn"][number];
export const MATCH_REASONS: readonly MatchReason[] = ["name", "email_domain", "phone", "website"];

/** My day sends grade and urgency as plain strings: these narrow them back. */
export function isGrade(value: string | null): value is Grade {
  return value !== null && (GRADES as readonly string[]).includes(value);
}

export function isUrgency(value: string | null): value is Urgency {
  return value !== null && (URGENCIES as readonly string[]).includes(value);
}

export const gradeLabel = (t: TFunction, grade: Grade | null) => t(`grade.${grade ?? "none"}`);
export const dealStatusLabel = (t: TFunction, value: DealStatus) => t(`dealStatus.${value}`);
export const importanceLabel = (t: TFunction, value: Importance | null) => t(`importance.${value ?? "none"}`);
export const urgencyLabel = (t: TFunction, value: Urgency | null) => t(`urgency.${value ?? "none"}`);
export const demandLabel = (t: TFunction, value: Demand) => t(`demand.${value}`);
export const sourceLabel = (t: TFunction, value: CustomerSource) => t(`source.${value}`);
export const creditStatusLabel = (t: TFunction, value: CreditStatus) => t(`creditStatus.${value}`);
export const channelLabel = (t: TFunction, value: FollowUpChannel) => t(`channel.${value}`);
export const matchReasonLabel = (t: TFunction, value: MatchReason) => t(`matchedOn.${value}`);

export const GRADE_COLORS: Record<Grade, string> = {
  A: "red",
  B: "volcano",
  C: "gold",
  D: "blue",
  E: "default",
};

export const URGENCY_COLORS: Record<Urgency, string> = {
  urgent: "red",
  moderate: "orange",
  not_urgent: "blue",
  slow: "default",
};

export const DEAL_STATUS_COLORS: Record<DealStatus, string> = {
  closed: "green",
  negotiating: "processing",
  potential: "default",
};

export const DEMAND_COLORS: Record<Demand, string> = {
  target: "green",
  potential: "blue",
  dead: "default",
};

export const CREDIT_STATUS_COLORS: Record<CreditStatus, string> = {
  good: "green",
  watch: "orange",
  hold: "red",
};

const optionsOf = <Value extends string>(values: readonly Value[], label: (value: Value) => string) =>
  values.map((value) => ({ value, label: label(value) }));

export const gradeOptions = (t: TFunction) => optionsOf(GRADES, (v) => gradeLabel(t, v));
export const dealStatusOptions = (t: TFunction) => optionsOf(DEAL_STATUSES, (v) => dealStatusLabel(t, v));
export const importanceOptions = (t: TFunction) =>
  optionsOf(IMPORTANCE_CLASSES, (v) => importanceLabel(t, v));
export const urgencyOptions = (t: TFunction) => optionsOf(URGENCIES, (v) => urgencyLabel(t, v));
export const demandOptions = (t: TFunction) => optionsOf(DEMANDS, (v) => demandLabel(t, v));
export const sourceOptions = (t: TFunction) => optionsOf(CUSTOMER_SOURCES, (v) => sourceLabel(t, v));
export const creditStatusOptions = (t: TFunction) =>
  optionsOf(CREDIT_STATUSES, (v) => creditStatusLabel(t, v));
export const channelOptions = (t: TFunction) => optionsOf(FOLLOW_UP_CHANNELS, (v) => channelLabel(t, v));

export function countryLabel(code: string, locale: Locale): string {
  return countryName(code, locale);
}

export interface CountryOption {
  value: string;
  label: string;
  /** Chinese and English names and the code, so "德国", "germ" and "DE" all find Germany. */
  search: string;
}

let countriesCache: { locale: Locale; options: CountryOption[] } | null = null;

/** Every country, named in the user's language and sorted the way that language sorts. */
export function countryOptions(locale: Locale): CountryOption[] {
  if (countriesCache?.locale === locale) return countriesCache.options;
  const collator = new Intl.Collator(locale);
  const options = listCountries()
    .map((country) => ({
      value: country.code,
      label: locale === "zh-CN" ? country.nameZh : country.nameEn,
      search: `${country.nameZh} ${country.nameEn} ${country.code}`.toLowerCase(),
    }))
    .sort((a, b) => collator.compare(a.label, b.label));
  countriesCache = { locale, options };
  return options;
}

/** For Select's filterOption: matches the typed text against both names and the code. */
export function matchesCountry(input: string, option: CountryOption | undefined): boolean {
  return !!option && option.search.includes(input.trim().toLowerCase());
}
