/** Tradewind's business rules and contracts: pure TypeScript, no I/O, shared by server and web. */
export * from "./audit.ts";
export * from "./classification.ts";
export * from "./contracts.ts";
export * from "./countries.ts";
export * from "./customers.ts";
export * from "./dates.ts";
export * from "./duplicates.ts";
export * from "./errors.ts";
export * from "./exports.ts";
export * from "./import-contracts.ts";
export * from "./import-reasons.ts";
export * from "./imports.ts";
export * from "./money.ts";
export * from "./org.ts";
export * from "./permissions.ts";
export * from "./search.ts";
