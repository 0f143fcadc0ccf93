/**
 * Which spreadsheet columns an export offers first: the ones the customer list shows right now,
 * each list column standing for the export columns that carry the same information (the list's
 * 主要联系人 is the contact's name, e-mail and phone). Pure, so it is tested without a browser.
 */
import { EXPORT_COLUMNS, EXPORT_HEADERS, type ExportColumn, type Locale } from "@tradewind/domain";
import type { ColumnKey } from "../customers/CustomerTable.tsx";

const FOR_LIST_COLUMN: Record<ColumnKey, readonly ExportColumn[]> = {
  company: ["companyName", "localName"],
  country: ["country"],
  grade: ["grade"],
  dealStatus: ["dealStatus"],
  urgency: ["urgency"],
  demand: ["demand"],
  importance: ["importance"],
  owner: ["owner"],
  nextAction: ["nextActionDate", "nextAction"],
  primaryContact: ["contactName", "contactEmail", "contactPhone"],
  tags: ["tags"],
  source: ["source"],
  createdAt: ["createdAt"],
  updatedAt: ["updatedAt"],
};

/** The export columns for the list's visible columns, in the export's order; all when none match. */
export function defaultExportColumns(visible: readonly ColumnKey[]): ExportColumn[] {
  const wanted = new Set(visible.flatMap((key) => FOR_LIST_COLUMN[key] ?? []));
  const chosen = EXPORT_COLUMNS.filter((column) => wanted.has(column));
  return chosen.length > 0 ? chosen : [...EXPORT_COLUMNS];
}

/** The header a column gets in the file, in the language of the file. */
export function exportHeader(column: ExportColumn, locale: Locale): string {
  return locale === "zh-CN" ? EXPORT_HEADERS[column].zh : EXPORT_HEADERS[column].en;
}

/** The list's query as the export's filters: the same filters and sort, without paging. */
export function exportFilters(
  query: Record<string, string | number | boolean | undefined>,
): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === "" || ["limit", "cursor", "withTotal"].includes(key)) continue;
    filters[key] = String(value);
  }
  return filters;
}
