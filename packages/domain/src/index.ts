/** Tradewind's business rules and contracts: pure TypeScript, no I/O, shared by server and web. */
export * from "./audit.ts";
export * from "./contracts.ts";
export * from "./errors.ts";
export * from "./org.ts";
export * from "./permissions.ts";
