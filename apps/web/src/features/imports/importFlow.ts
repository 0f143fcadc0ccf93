/**
 * The rules of the check-and-map step, as pure functions: which settings to send for the next
 * preview after a change (a new sheet or header row asks the server for a fresh automatic
 * mapping, a changed mapping is sent with its header row so the server keeps it), one field per
 * column, spreadsheet column letters and sample values for the mapping table.
 */
import {
  IMPORT_FIELDS,
  type ImportField,
  type ImportPreview,
  type ImportSettings,
  type TEXT_ENCODINGS,
} from "@tradewind/domain";

export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
type Rules = Pick<ImportSettings, "keepUnmappedAsNotes" | "duplicates" | "defaultCountry">;

export type SettingsChange =
  | { kind: "sheet"; sheet: number }
  | { kind: "encoding"; encoding: TextEncoding }
  | { kind: "headerRow"; headerRow: number }
  | { kind: "mapping"; mapping: (ImportField | null)[] }
  | ({ kind: "rules" } & Partial<Rules>);

/** The settings to send to POST /api/imports/{id}/preview after one change. */
export function settingsAfter(current: ImportSettings, change: SettingsChange): Partial<ImportSettings> {
  const rules: Rules = {
    keepUnmappedAsNotes: current.keepUnmappedAsNotes,
    duplicates: current.duplicates,
    defaultCountry: current.defaultCountry,
  };
  const encoding = current.encoding ? { encoding: current.encoding } : {};
  switch (change.kind) {
    // Another sheet has its own header row and columns: the server finds both again.
    case "sheet":
      return { ...rules, sheet: change.sheet };
    // Read in another encoding the header row may say something else: found again, too.
    case "encoding":
      return { ...rules, sheet: current.sheet, encoding: change.encoding };
    // Other headers, other columns: without a mapping the server maps them afresh.
    case "headerRow":
      return { ...rules, ...encoding, sheet: current.sheet, headerRow: change.headerRow };
    case "mapping":
      return {
        ...rules,
        ...encoding,
        sheet: current.sheet,
        headerRow: current.headerRow,
        mapping: change.mapping,
      };
    case "rules": {
      const { kind: _kind, ...changed } = change;
      return { ...current, ...changed };
    }
  }
}

/**
 * Gives `field` to `column`. A field belongs to one column only (two "e-mail" columns would
 * overwrite each other row by row), so another column holding it lets go; its index is returned
 * to tell the user.
 */
export function assignField(
  mapping: readonly (ImportField | null)[],
  column: number,
  field: ImportField | null,
): { mapping: (ImportField | null)[]; released: number | null } {
  let released: number | null = null;
  const next = mapping.map((current, index) => {
    if (index === column) return field;
    if (field !== null && current === field) {
      released = index;
      return null;
    }
    return current;
  });
  while (next.length <= column) next.push(null);
  next[column] = field;
  return { mapping: next, released };
}

/** A, B, … Z, AA, AB: the column names every spreadsheet shows. */
export function columnLetter(index: number): string {
  let letters = "";
  let rest = index + 1;
  while (rest > 0) {
    const remainder = (rest - 1) % 26;
    letters = String.fromCharCode(65 + remainder) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

type CellValue = ImportPreview["topRows"][number][number];

export function cellText(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined) return "";
  return String(cell).trim();
}

/** The first non-empty values under a column's header, from the rows the preview read. */
export function sampleValues(preview: ImportPreview, column: number, count = 2): string[] {
  return preview.topRows
    .slice(preview.settings.headerRow + 1)
    .map((row) => cellText(row[column]))
    .filter((text) => text !== "")
    .slice(0, count);
}

/** Fields offered in the mapping picker, grouped the way the customer form groups them. */
export const FIELD_GROUPS: readonly { key: string; fields: readonly ImportField[] }[] = [
  {
    key: "company",
    fields: [
      "companyName",
      "localName",
      "country",
      "address",
      "city",
      "state",
      "postalCode",
      "website",
      "industry",
      "source",
      "tags",
      "owner",
      "notes",
    ],
  },
  {
    key: "classification",
    fields: [
      "keyAccount",
      "dealStatus",
      "importance",
      "demand",
      "grade",
      "expectedCloseDate",
      "nextActionDate",
      "nextAction",
    ],
  },
  { key: "credit", fields: ["creditLimit", "creditCurrency", "creditStatus"] },
  {
    key: "contact",
    fields: [
      "contactName",
      "contactFirstName",
      "contactLastName",
      "contactTitle",
      "contactEmail",
      "contactPhone",
      "contactMobile",
      "whatsapp",
      "wechat",
      "skype",
      "linkedin",
    ],
  },
];

/** Every field the importer knows is offered exactly once (the test holds this to IMPORT_FIELDS). */
export const OFFERED_FIELDS: readonly ImportField[] = FIELD_GROUPS.flatMap((group) => group.fields);

export function isImportField(value: unknown): value is ImportField {
  return typeof value === "string" && (IMPORT_FIELDS as readonly string[]).includes(value);
}
