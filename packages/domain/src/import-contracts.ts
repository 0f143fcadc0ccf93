/** Contracts of the import and export API, shared by server and web. */
import { z } from "zod";
import { DUPLICATE_MODES, IMPORT_FIELDS, TEXT_ENCODINGS } from "./imports.ts";

export const importSettings = z.object({
  sheet: z.number().int().min(0).max(500).default(0),
  headerRow: z.number().int().min(0).max(1000),
  mapping: z.array(z.enum(IMPORT_FIELDS).nullable()).max(500),
  encoding: z.enum(TEXT_ENCODINGS).optional(),
  keepUnmappedAsNotes: z.boolean().default(true),
  duplicates: z.enum(DUPLICATE_MODES).default("skip"),
  /** Used for rows without a country column or value. */
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .default(null),
});
export type ImportSettings = z.infer<typeof importSettings>;

export const IMPORT_STATUSES = [
  "uploaded",
  "queued",
  "running",
  "done",
  "failed",
  "cancelled",
  "undone",
] as const;

const cellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const importProblem = z.object({
  row: z.number().int(),
  reasons: z.array(z.string()),
  cells: z.array(cellValue),
});

export const importDuplicate = z.object({
  row: z.number().int(),
  companyName: z.string(),
  /** The customer it matches in Tradewind, or null when it repeats an earlier row of the file. */
  existing: z
    .object({ id: z.string(), companyName: z.string(), ownerName: z.string().nullable() })
    .nullable(),
  sameAsRow: z.number().int().nullable(),
});

export const importPreviewRow = z.object({
  row: z.number().int(),
  companyName: z.string(),
  localName: z.string().nullable(),
  country: z.string(),
  ownerName: z.string().nullable(),
  grade: z.string().nullable(),
  contact: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  nextActionDate: z.string().nullable(),
  action: z.enum(["create", "update", "skip"]),
});

export const importPreview = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.string(),
  encoding: z.string().nullable(),
  sheets: z.array(z.object({ name: z.string(), hidden: z.boolean(), rows: z.number().int() })),
  settings: importSettings,
  headers: z.array(z.string()),
  /** The header row and a few rows around it as read, for correcting the header row. */
  topRows: z.array(z.array(cellValue)),
  rowsTotal: z.number().int(),
  counts: z.object({
    create: z.number().int(),
    update: z.number().int(),
    skip: z.number().int(),
    reject: z.number().int(),
  }),
  sample: z.array(importPreviewRow),
  problems: z.array(importProblem),
  duplicates: z.array(importDuplicate),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importSummary = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  createdBy: z.string(),
  createdByName: z.string().nullable(),
  rowsTotal: z.number().int(),
  rowsDone: z.number().int(),
  createdCount: z.number().int(),
  updatedCount: z.number().int(),
  skippedCount: z.number().int(),
  rejectedCount: z.number().int(),
  error: z.string().nullable(),
  rowsPerSecond: z.number().nullable(),
  secondsLeft: z.number().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ImportSummary = z.infer<typeof importSummary>;

export const importTemplate = z.object({
  id: z.string(),
  name: z.string(),
  /** Normalized header name -> field. */
  mapping: z.record(z.string(), z.enum(IMPORT_FIELDS)),
  createdAt: z.string(),
});
