/**
 * Words of the import screens in the user's language: the customer fields a column can be
 * imported as, the import statuses with their colours, the text encodings of CSV files, and a
 * duration such as "1 分 20 秒". The i18n test checks every field and status has a label.
 */
import type { ImportField, ImportSummary } from "@tradewind/domain";
import type { TFunction } from "i18next";
import type { TextEncoding } from "./importFlow.ts";

export type ImportStatus = ImportSummary["status"];

export const fieldLabel = (t: TFunction, field: ImportField) => t(`importField.${field}`);
export const statusLabel = (t: TFunction, status: ImportStatus) => t(`importStatus.${status}`);

export const STATUS_COLORS: Record<ImportStatus, string> = {
  uploaded: "default",
  queued: "processing",
  running: "processing",
  done: "success",
  failed: "error",
  cancelled: "default",
  undone: "warning",
};

/** Encodings by the names people know them by; GBK files are read as GB18030, its superset. */
export const ENCODING_NAMES: Record<TextEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  gb18030: "GBK / GB18030",
};

/** "45 秒", "3 分 20 秒", "1 小时 5 分": how long an import still needs. */
export function durationText(t: TFunction, seconds: number): string {
  const whole = Math.max(1, Math.round(seconds));
  if (whole < 60) return t("imports.duration.seconds", { count: whole });
  if (whole < 3600) {
    return t("imports.duration.minutes", { minutes: Math.floor(whole / 60), seconds: whole % 60 });
  }
  return t("imports.duration.hours", {
    hours: Math.floor(whole / 3600),
    minutes: Math.floor((whole % 3600) / 60),
  });
}
