/**
 * The customer archive (客户档案, R-CUST-1 .. R-CUST-7): contracts shared by server and web.
 */
import { z } from "zod";
import { DEAL_STATUSES, DEMANDS, GRADES, IMPORTANCE_CLASSES, URGENCIES } from "./classification.ts";
import { isCountryCode } from "./countries.ts";
import { isIsoDate } from "./dates.ts";
import { isCurrencyCode } from "./money.ts";

/** R-CUST-2: where the customer came from (客户信息收集). */
export const CUSTOMER_SOURCES = [
  "trade_show",
  "customs_data",
  "b2b_platform",
  "search_engine",
  "social_platform",
  "mobile_social",
  "referral",
  "other",
] as const;
export type CustomerSource = (typeof CUSTOMER_SOURCES)[number];

/** 信用状况. */
export const CREDIT_STATUSES = ["good", "watch", "hold"] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];

/** R-CUST-6: how a follow-up happened. */
export const FOLLOW_UP_CHANNELS = ["email", "call", "visit", "messenger", "trade_show", "other"] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .default(null);

export const isoDate = z.string().refine(isIsoDate, "Use a date like 2026-03-05");
const optionalDate = isoDate.nullable().default(null);

export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, "Choose a country (ISO 3166 code such as DE, US, CN)");

/** Phone numbers in international form: +, country code, number; spaces, dashes and brackets allowed. */
export const internationalPhone = z
  .string()
  .trim()
  .regex(/^\+[1-9][\d\s\-().]{5,24}$/, "Write the phone in international form, e.g. +49 30 1234567")
  .refine(
    (v) => v.replace(/\D/g, "").length >= 7 && v.replace(/\D/g, "").length <= 15,
    "A phone number has 7 to 15 digits",
  );

const contactEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid e-mail address, like buyer@company.com"));

const website = z
  .string()
  .trim()
  .max(300)
  .refine(
    (v) => v === "" || /^(https?:\/\/)?[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(:\d+)?(\/\S*)?$/iu.test(v),
    "Enter a web address like www.company.com",
  )
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .default(null);

export const contactInput = z.object({
  id: z.string().max(64).optional(),
  name: z.string().trim().min(1, "Give the contact's name").max(200),
  title: optionalText(200),
  emails: z.array(contactEmail).max(10).default([]),
  phones: z.array(internationalPhone).max(10).default([]),
  whatsapp: optionalText(100),
  wechat: optionalText(100),
  skype: optionalText(100),
  linkedin: optionalText(300),
  primary: z.boolean().default(false),
});
export type ContactInput = z.infer<typeof contactInput>;

export const contact = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  whatsapp: z.string().nullable(),
  wechat: z.string().nullable(),
  skype: z.string().nullable(),
  linkedin: z.string().nullable(),
  primary: z.boolean(),
});
export type Contact = z.infer<typeof contact>;

export const money = z.object({
  minor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  currency: z.string().refine(isCurrencyCode, "Choose a currency (ISO 4217, e.g. USD)"),
});

const tag = z.string().trim().min(1).max(40);

/** Fields a user sets on a customer. Classification fields are optional: they have defaults or are derived. */
export const customerFields = z.object({
  companyName: z.string().trim().min(1, "Company name is required").max(300),
  localName: optionalText(300),
  country: countryCode,
  address: optionalText(500),
  website,
  industry: optionalText(100),
  source: z.enum(CUSTOMER_SOURCES).default("other"),
  sourceDetail: optionalText(200),
  tags: z.array(tag).max(30).default([]),
  creditLimit: money.nullable().default(null),
  creditStatus: z.enum(CREDIT_STATUSES).default("good"),
  notes: optionalText(5000),
  keyAccount: z.boolean().default(false),
  keyAccountOwnerId: z.string().max(64).nullable().default(null),
  timeZone: optionalText(64),
  dealStatus: z.enum(DEAL_STATUSES).default("potential"),
  importance: z.enum(IMPORTANCE_CLASSES).nullable().default(null),
  demand: z.enum(DEMANDS).default("potential"),
  grade: z.enum(GRADES).nullable().default(null),
  expectedCloseDate: optionalDate,
  nextActionDate: optionalDate,
  nextAction: optionalText(500),
});

export const customerCreate = customerFields.extend({
  ownerId: z.string().max(64).optional(),
  contacts: z.array(contactInput).max(50).default([]),
  /** Create although duplicates were found; needs `customers.createDuplicate` and a reason. */
  force: z.boolean().default(false),
  duplicateReason: z.string().trim().max(500).optional(),
});
export type CustomerCreate = z.infer<typeof customerCreate>;

/** The same fields with their defaults removed, so that a partial update never resets what it does not mention. */
function withoutDefaults<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    shape[key] = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
  }
  return z.object(shape) as unknown as z.ZodObject<{
    [K in keyof Shape]: Shape[K] extends z.ZodDefault<infer Inner extends z.ZodType> ? Inner : Shape[K];
  }>;
}

export const customerUpdate = withoutDefaults(customerFields)
  .partial()
  .extend({
    version: z.number().int(),
    contacts: z.array(contactInput).max(50).optional(),
  })
  .strict();
export type CustomerUpdate = z.infer<typeof customerUpdate>;

export const customer = z.object({
  id: z.string(),
  companyName: z.string(),
  localName: z.string().nullable(),
  country: z.string(),
  address: z.string().nullable(),
  website: z.string().nullable(),
  industry: z.string().nullable(),
  source: z.enum(CUSTOMER_SOURCES),
  sourceDetail: z.string().nullable(),
  tags: z.array(z.string()),
  creditLimit: money.nullable(),
  creditStatus: z.enum(CREDIT_STATUSES),
  notes: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  keyAccount: z.boolean(),
  keyAccountOwnerId: z.string().nullable(),
  timeZone: z.string().nullable(),
  dealStatus: z.enum(DEAL_STATUSES),
  importance: z.enum(IMPORTANCE_CLASSES).nullable(),
  urgency: z.enum(URGENCIES).nullable(),
  demand: z.enum(DEMANDS),
  grade: z.enum(GRADES).nullable(),
  suggestedGrade: z.enum(GRADES).nullable(),
  gradeOverridden: z.boolean(),
  expectedCloseDate: z.string().nullable(),
  nextActionDate: z.string().nullable(),
  nextAction: z.string().nullable(),
  lastFollowUpAt: z.string().nullable(),
  pooledAt: z.string().nullable(),
  contacts: z.array(contact),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Customer = z.infer<typeof customer>;

export const customerListItem = customer.omit({ contacts: true, notes: true, address: true }).extend({
  primaryContact: z
    .object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() })
    .nullable(),
});
export type CustomerListItem = z.infer<typeof customerListItem>;

export const CUSTOMER_SORTS = [
  "updatedAt",
  "-updatedAt",
  "createdAt",
  "-createdAt",
  "companyName",
  "-companyName",
  "nextActionDate",
  "-nextActionDate",
  "pooledAt",
  "-pooledAt",
] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(100));

export const customerListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(200).optional(),
  /**
   * Absent: most recently updated first, or for a search, the newest entries first in the order
   * the search index hands them out (fast however many customers match).
   */
  sort: z.enum(CUSTOMER_SORTS).optional(),
  pool: z.enum(["true", "false"]).optional(),
  /** Grades, and "none" for customers not graded yet. */
  grade: csv(z.enum([...GRADES, "none"])).optional(),
  dealStatus: csv(z.enum(DEAL_STATUSES)).optional(),
  importance: csv(z.enum(IMPORTANCE_CLASSES)).optional(),
  urgency: csv(z.enum(URGENCIES)).optional(),
  demand: csv(z.enum(DEMANDS)).optional(),
  country: csv(z.string().regex(/^[A-Z]{2}$/)).optional(),
  source: csv(z.enum(CUSTOMER_SOURCES)).optional(),
  ownerId: csv(z.string().max(64)).optional(),
  teamId: z.string().max(64).optional(),
  tag: csv(z.string().max(40)).optional(),
  keyAccount: z.enum(["true", "false"]).optional(),
  overdue: z.enum(["true"]).optional(),
  createdFrom: z.string().max(30).optional(),
  createdTo: z.string().max(30).optional(),
  updatedFrom: z.string().max(30).optional(),
  updatedTo: z.string().max(30).optional(),
  withTotal: z.enum(["true", "false"]).optional(),
});
export type CustomerListQuery = z.infer<typeof customerListQuery>;

/** Lists never count past this: "10,000+" keeps big lists fast. */
export const TOTAL_CAP = 10_000;

export const followUpInput = z.object({
  date: isoDate,
  channel: z.enum(FOLLOW_UP_CHANNELS),
  summary: z.string().trim().min(1, "Write what happened").max(5000),
  contactId: z.string().max(64).nullable().default(null),
  nextAction: optionalText(500),
  nextActionDate: optionalDate,
});
export type FollowUpInput = z.infer<typeof followUpInput>;

export const followUp = z.object({
  id: z.string(),
  customerId: z.string(),
  date: z.string(),
  channel: z.enum(FOLLOW_UP_CHANNELS),
  summary: z.string(),
  contactId: z.string().nullable(),
  nextAction: z.string().nullable(),
  nextActionDate: z.string().nullable(),
  authorId: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type FollowUp = z.infer<typeof followUp>;

export const duplicateMatch = z.object({
  id: z.string(),
  companyName: z.string(),
  ownerName: z.string().nullable(),
  matchedOn: z.array(z.enum(["name", "email_domain", "phone", "website"])),
  /** Whether the asking user may open the match; otherwise only name and owner are shown. */
  canOpen: z.boolean(),
});
export type DuplicateMatch = z.infer<typeof duplicateMatch>;

export const duplicateCheck = z.object({
  companyName: z.string().trim().max(300).default(""),
  localName: z.string().trim().max(300).nullable().optional(),
  website: z.string().trim().max(300).nullable().optional(),
  emails: z.array(z.string().max(254)).max(20).default([]),
  phones: z.array(z.string().max(40)).max(20).default([]),
  excludeId: z.string().max(64).optional(),
});

export const TIMELINE_KINDS = [
  "created",
  "updated",
  "follow_up",
  "classification",
  "grade_override",
  "owner_changed",
  "pooled",
  "claimed",
  "merged",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const timelineEvent = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  /** What the event says, by kind: changed fields, the follow-up, old and new owner, ... */
  details: z.record(z.string(), z.unknown()),
  followUp: followUp.nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEvent>;

/** Settings of the public pool (公海, R-CUST-7). */
export const poolSettings = z.object({
  /** Days without a follow-up after which a customer returns to the pool. */
  days: z.number().int().min(7).max(3650),
  /** Per-grade overrides of `days`. */
  daysByGrade: z.partialRecord(z.enum(GRADES), z.number().int().min(7).max(3650)).default({}),
  /** How many days before the return the owner is told. */
  warnDaysBefore: z.number().int().min(0).max(60),
  /** How many customers one user may claim from the pool per 30 days. */
  claimLimit: z.number().int().min(0).max(10_000),
});
export type PoolSettings = z.infer<typeof poolSettings>;

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  days: 90,
  daysByGrade: {},
  warnDaysBefore: 7,
  claimLimit: 20,
};
