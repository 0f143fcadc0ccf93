/**
 * The customer form's values and their conversion to and from the API. The form is shaped for
 * typing (e-mails and phones of a contact in one box each, the credit limit as text, dates as
 * dayjs), the API for storing (lists, integer minor units, ISO dates). Also: which form field
 * shows a server message about a given path, and the input of the live duplicate check.
 */
import {
  type CreditStatus,
  type Customer,
  type CustomerSource,
  type DealStatus,
  type Demand,
  formatAmount,
  type Grade,
  type Importance,
  internationalPhone,
  parseAmount,
} from "@tradewind/domain";
import dayjs, { type Dayjs } from "dayjs";
import type { FieldPath } from "../../shared/errors.ts";
import type {
  ContactPayload,
  CustomerCreateInput,
  CustomerFieldsInput,
  DuplicateCheckInput,
} from "./customers.queries.ts";

/** "Follow the suggested grade" in the grade picker (sent as null). */
export const AUTO_GRADE = "auto";

export interface ContactFormValues {
  id?: string;
  name?: string;
  title?: string | null;
  emailsText?: string;
  phonesText?: string;
  whatsapp?: string | null;
  wechat?: string | null;
  skype?: string | null;
  linkedin?: string | null;
  primary?: boolean;
}

export interface CustomerFormValues {
  companyName: string;
  localName?: string | null;
  country?: string;
  address?: string | null;
  website?: string | null;
  industry?: string | null;
  timeZone?: string | null;
  source: CustomerSource;
  sourceDetail?: string | null;
  tags: string[];
  creditAmount?: string;
  creditCurrency: string;
  creditStatus: CreditStatus;
  notes?: string | null;
  ownerId?: string;
  keyAccount: boolean;
  keyAccountOwnerId?: string | null;
  dealStatus: DealStatus;
  importance?: Importance | null;
  demand: Demand;
  grade: Grade | typeof AUTO_GRADE;
  expectedCloseDate?: Dayjs | null;
  nextAction?: string | null;
  nextActionDate?: Dayjs | null;
  contacts: ContactFormValues[];
}

/** E-mails are separated by commas, semicolons (also Chinese ones) or spaces. */
export function splitEmails(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[,;，；\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Phones keep their inner spaces ("+49 30 1234567"): only commas, semicolons and new lines separate them. */
export function splitPhones(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[,;，；\n]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The server's rule for websites (packages/domain customerFields), checked here to say it in the user's language. */
const WEBSITE = /^(https?:\/\/)?[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(:\d+)?(\/\S*)?$/iu;

export function isWebsite(text: string): boolean {
  return WEBSITE.test(text.trim());
}

export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

export function isInternationalPhone(text: string): boolean {
  return internationalPhone.safeParse(text).success;
}

const blankToNull = (value: string | null | undefined) => {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
};

const dayOf = (value: Dayjs | null | undefined) => (value ? value.format("YYYY-MM-DD") : null);

export function emptyContact(primary: boolean): ContactFormValues {
  return { name: "", emailsText: "", phonesText: "", primary };
}

export function formValuesOf(
  customer: Customer | undefined,
  ownerId: string,
  currency = "USD",
): CustomerFormValues {
  if (!customer) {
    return {
      companyName: "",
      source: "other",
      tags: [],
      creditCurrency: currency,
      creditStatus: "good",
      keyAccount: false,
      ownerId,
      dealStatus: "potential",
      demand: "potential",
      grade: AUTO_GRADE,
      contacts: [emptyContact(true)],
    };
  }
  return {
    companyName: customer.companyName,
    localName: customer.localName,
    country: customer.country,
    address: customer.address,
    website: customer.website,
    industry: customer.industry,
    timeZone: customer.timeZone,
    source: customer.source,
    sourceDetail: customer.sourceDetail,
    tags: customer.tags,
    creditAmount: customer.creditLimit
      ? formatAmount(customer.creditLimit.minor, customer.creditLimit.currency)
      : undefined,
    creditCurrency: customer.creditLimit?.currency ?? currency,
    creditStatus: customer.creditStatus,
    notes: customer.notes,
    keyAccount: customer.keyAccount,
    keyAccountOwnerId: customer.keyAccountOwnerId,
    dealStatus: customer.dealStatus,
    importance: customer.importance,
    demand: customer.demand,
    // A grade the owner set by hand stays; otherwise the form keeps following the suggestion.
    grade: customer.gradeOverridden && customer.grade ? customer.grade : AUTO_GRADE,
    expectedCloseDate: customer.expectedCloseDate ? dayjs(customer.expectedCloseDate) : null,
    nextAction: customer.nextAction,
    nextActionDate: customer.nextActionDate ? dayjs(customer.nextActionDate) : null,
    contacts: customer.contacts.map((contact) => ({
      id: contact.id,
      name: contact.name,
      title: contact.title,
      emailsText: contact.emails.join(", "),
      phonesText: contact.phones.join(", "),
      whatsapp: contact.whatsapp,
      wechat: contact.wechat,
      skype: contact.skype,
      linkedin: contact.linkedin,
      primary: contact.primary,
    })),
  };
}

/** Contacts as sent; rows left completely empty are dropped, one primary at most. */
export function contactsOf(values: ContactFormValues[] | undefined): ContactPayload[] {
  const contacts = (values ?? [])
    .filter(
      (contact) =>
        (contact.name ?? "").trim() !== "" ||
        splitEmails(contact.emailsText).length > 0 ||
        splitPhones(contact.phonesText).length > 0,
    )
    .map(
      (contact): ContactPayload => ({
        ...(contact.id ? { id: contact.id } : {}),
        name: (contact.name ?? "").trim(),
        title: blankToNull(contact.title),
        emails: splitEmails(contact.emailsText),
        phones: splitPhones(contact.phonesText),
        whatsapp: blankToNull(contact.whatsapp),
        wechat: blankToNull(contact.wechat),
        skype: blankToNull(contact.skype),
        linkedin: blankToNull(contact.linkedin),
        primary: !!contact.primary,
      }),
    );
  const firstPrimary = contacts.findIndex((contact) => contact.primary);
  return contacts.map((contact, index) => ({ ...contact, primary: index === firstPrimary }));
}

export function fieldsOf(values: CustomerFormValues): CustomerFieldsInput {
  const amount = values.creditAmount?.trim() ? parseAmount(values.creditAmount, values.creditCurrency) : null;
  return {
    companyName: values.companyName.trim(),
    localName: blankToNull(values.localName),
    country: values.country ?? "",
    address: blankToNull(values.address),
    website: blankToNull(values.website),
    industry: blankToNull(values.industry),
    timeZone: values.timeZone ?? null,
    source: values.source,
    sourceDetail: blankToNull(values.sourceDetail),
    tags: [...new Set((values.tags ?? []).map((tag) => tag.trim()).filter(Boolean))],
    creditLimit: amount === null ? null : { minor: amount, currency: values.creditCurrency },
    creditStatus: values.creditStatus,
    notes: blankToNull(values.notes),
    keyAccount: values.keyAccount,
    keyAccountOwnerId: values.keyAccount ? (values.keyAccountOwnerId ?? null) : null,
    dealStatus: values.dealStatus,
    importance: values.importance ?? null,
    demand: values.demand,
    grade: values.grade === AUTO_GRADE ? null : values.grade,
    expectedCloseDate: dayOf(values.expectedCloseDate),
    nextAction: blankToNull(values.nextAction),
    nextActionDate: dayOf(values.nextActionDate),
  };
}

export function createInputOf(values: CustomerFormValues): CustomerCreateInput {
  return {
    ...fieldsOf(values),
    ...(values.ownerId ? { ownerId: values.ownerId } : {}),
    contacts: contactsOf(values.contacts),
  };
}

/**
 * The form field that shows the server's message about `path`. Contacts' e-mails and phones
 * live in one box each; the credit limit in its amount box. Unknown paths go to the alert.
 */
export function formFieldOf(path: FieldPath): FieldPath | null {
  const [head, index, field] = path;
  if (head === "contacts" && typeof index === "number") {
    if (field === "emails") return ["contacts", index, "emailsText"];
    if (field === "phones") return ["contacts", index, "phonesText"];
    if (typeof field === "string") return ["contacts", index, field];
    return null;
  }
  if (head === "creditLimit") return ["creditAmount"];
  if (head === "duplicateReason" || typeof head !== "string") return null;
  return [head];
}

/**
 * What the live duplicate check asks about, or null when there is too little to go on: a name
 * of at least 2 characters, a website, or a complete-looking e-mail or phone.
 */
export function duplicateInputOf(
  values: Pick<CustomerFormValues, "companyName" | "localName" | "website" | "contacts">,
  excludeId?: string,
): DuplicateCheckInput | null {
  const companyName = (values.companyName ?? "").trim();
  const emails = (values.contacts ?? []).flatMap((c) => splitEmails(c?.emailsText)).filter(isEmail);
  const phones = (values.contacts ?? [])
    .flatMap((c) => splitPhones(c?.phonesText))
    .filter((phone) => phone.replace(/\D/g, "").length >= 7);
  const website = blankToNull(values.website);
  const localName = blankToNull(values.localName);
  if (companyName.length < 2 && !website && emails.length === 0 && phones.length === 0 && !localName)
    return null;
  return {
    companyName,
    localName,
    website,
    emails: emails.slice(0, 20),
    phones: phones.slice(0, 20),
    ...(excludeId ? { excludeId } : {}),
  };
}
