/**
 * One spreadsheet row to one customer: each mapped cell read by its field's parser, problems
 * collected with the column they came from, unmapped columns kept as notes if asked. The result
 * is validated against the same contract as a customer created in the form.
 */
import {
  type Cell,
  type CustomerCreate,
  customerCreate,
  duplicateKeys,
  type ImportField,
  type ImportSettings,
  isDerivedHeader,
  type ParseResult,
  parseAmount,
  parseBoolean,
  parseCountry,
  parseCreditStatus,
  parseDate,
  parseDealStatus,
  parseDemand,
  parseEmails,
  parseGrade,
  parseImportance,
  parsePhone,
  parseSource,
} from "@tradewind/domain";

export interface OwnerDirectory {
  /** Lower-cased names and e-mails of active users -> user id. */
  byKey: Map<string, string>;
  defaultOwnerId: string;
}

export interface MappedRow {
  /** 1-based row number as the user sees it in the spreadsheet. */
  row: number;
  cells: Cell[];
  customer: CustomerCreate | null;
  problems: string[];
}

function text(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

export function isBlankRow(cells: Cell[]): boolean {
  return cells.every((cell) => text(cell) === "");
}

/** The cells of a row as JSON can carry them (dates as YYYY-MM-DD). */
export function plainCells(cells: Cell[]): (string | number | boolean | null)[] {
  return cells.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : (cell ?? null)));
}

export function mapRow(
  cells: Cell[],
  rowNumber: number,
  headers: string[],
  settings: ImportSettings,
  owners: OwnerDirectory,
  date1904: boolean,
): MappedRow {
  const problems: string[] = [];
  const byField = new Map<ImportField, { cell: Cell; header: string }>();
  const extraNotes: string[] = [];
  headers.forEach((header, column) => {
    const field = settings.mapping[column] ?? null;
    const cell = cells[column] ?? null;
    if (field) byField.set(field, { cell, header });
    else if (settings.keepUnmappedAsNotes && header && text(cell) && !isDerivedHeader(header))
      extraNotes.push(`${header}: ${text(cell)}`);
  });
  const raw = (field: ImportField) => byField.get(field)?.cell ?? null;
  const read = <T>(field: ImportField, parse: (cell: Cell) => ParseResult<T>): T | null => {
    const entry = byField.get(field);
    if (!entry) return null;
    const result = parse(entry.cell);
    if (result.problem)
      problems.push(
        `${entry.header}: ${result.problem}${result.suggestion ? ` (did you mean ${result.suggestion}?)` : ""}`,
      );
    return result.value;
  };

  const companyName = text(raw("companyName"));
  if (!companyName) problems.push("missing company name");
  const country =
    read("country", parseCountry) ??
    (byField.has("country") && text(raw("country")) ? null : settings.defaultCountry);
  if (!country && !problems.some((p) => p.includes("country")))
    problems.push("missing country (choose a default country for rows without one)");

  const ownerText = text(raw("owner"));
  let ownerId = owners.defaultOwnerId;
  if (ownerText) {
    const found = owners.byKey.get(ownerText.toLowerCase());
    if (found) ownerId = found;
    else
      problems.push(
        `${byField.get("owner")!.header}: unknown owner "${ownerText}" (use a Tradewind user's name or e-mail)`,
      );
  }

  const phoneOf = (field: ImportField) => read(field, (cell) => parsePhone(cell, country));
  const phones = [phoneOf("contactPhone"), phoneOf("contactMobile")].filter((p): p is string => p !== null);
  const emails = read("contactEmail", parseEmails) ?? [];
  const fullName =
    text(raw("contactName")) ||
    [text(raw("contactFirstName")), text(raw("contactLastName"))].filter(Boolean).join(" ");
  const whatsapp = text(raw("whatsapp"));
  const wechat = text(raw("wechat"));
  const skype = text(raw("skype"));
  const linkedin = text(raw("linkedin"));
  const hasContact =
    fullName || emails.length > 0 || phones.length > 0 || whatsapp || wechat || skype || linkedin;

  const currency = text(raw("creditCurrency")).toUpperCase() || "USD";
  const creditText = text(raw("creditLimit"));
  let creditLimit: { minor: number; currency: string } | null = null;
  if (creditText) {
    const minor = parseAmount(creditText, currency);
    if (minor === null || minor < 0)
      problems.push(`${byField.get("creditLimit")!.header}: "${creditText}" is not an amount in ${currency}`);
    else creditLimit = { minor, currency };
  }

  const address = ["address", "city", "state", "postalCode"]
    .map((f) => text(raw(f as ImportField)))
    .filter(Boolean)
    .join(", ");
  const notes = [text(raw("notes")), ...extraNotes].filter(Boolean).join("\n");
  const keyAccount = read("keyAccount", parseBoolean);
  const tags = text(raw("tags"))
    .split(/[,;，；、]+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .slice(0, 30)
    .map((t) => t.slice(0, 40));
  const parseDateCell = (cell: Cell) => parseDate(cell, date1904);

  const candidate = {
    companyName,
    localName: text(raw("localName")) || null,
    country: country ?? "",
    address: address || null,
    website: text(raw("website")) || null,
    industry: text(raw("industry")).slice(0, 100) || null,
    source: read("source", parseSource) ?? "other",
    tags,
    creditLimit,
    creditStatus: read("creditStatus", parseCreditStatus) ?? "good",
    notes: notes ? notes.slice(0, 5000) : null,
    keyAccount: keyAccount ?? false,
    dealStatus: read("dealStatus", parseDealStatus) ?? "potential",
    importance: read("importance", parseImportance),
    demand: read("demand", parseDemand) ?? "potential",
    grade: read("grade", parseGrade),
    expectedCloseDate: read("expectedCloseDate", parseDateCell),
    nextActionDate: read("nextActionDate", parseDateCell),
    nextAction: text(raw("nextAction")) || null,
    ownerId,
    contacts: hasContact
      ? [
          {
            name: fullName || emails[0] || phones[0] || "—",
            title: text(raw("contactTitle")) || null,
            emails,
            phones,
            whatsapp: whatsapp || null,
            wechat: wechat || null,
            skype: skype || null,
            linkedin: linkedin || null,
            primary: true,
          },
        ]
      : [],
  };
  if (problems.length > 0) return { row: rowNumber, cells, customer: null, problems };
  const parsed = customerCreate.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join(".")}: ${issue.message}`);
    return { row: rowNumber, cells, customer: null, problems };
  }
  return { row: rowNumber, cells, customer: parsed.data, problems };
}

/** A customer's duplicate keys (R-CUST-5) as "kind:value" strings. */
export function duplicateKeysOf(customer: CustomerCreate): string[] {
  return duplicateKeys({
    companyName: customer.companyName,
    localName: customer.localName,
    website: customer.website,
    emails: customer.contacts.flatMap((c) => c.emails),
    phones: customer.contacts.flatMap((c) => c.phones),
  }).map((key) => `${key.kind}:${key.value}`);
}

/** What mapping needs besides the rows; the same on the main thread and in a mapper worker. */
export interface MappingContext {
  headers: string[];
  settings: ImportSettings;
  owners: OwnerDirectory;
  date1904: boolean;
}

/** One spreadsheet row mapped, with its duplicate keys (null when the row is rejected). */
export interface MappedWithKeys {
  mapped: MappedRow;
  keys: string[] | null;
}

/** Maps one row and works out its keys; an accepted row's cells are dropped (only a rejected row's are shown again). */
export function mapWithKeys(cells: Cell[], rowNumber: number, context: MappingContext): MappedWithKeys {
  const mapped = mapRow(
    cells,
    rowNumber,
    context.headers,
    context.settings,
    context.owners,
    context.date1904,
  );
  if (mapped.customer) mapped.cells = [];
  return { mapped, keys: mapped.customer ? duplicateKeysOf(mapped.customer) : null };
}
