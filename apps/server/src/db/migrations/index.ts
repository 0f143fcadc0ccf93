/**
 * The ordered list of migrations. Imported statically (not read from a folder) so the bundled
 * server carries them. A merged migration is never edited; add a new one instead.
 */
import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.ts";
import * as m0001 from "./0001_foundation.ts";
import * as m0002 from "./0002_customers.ts";
import * as m0003 from "./0003_imports.ts";
import * as m0004 from "./0004_bulk_import_writes.ts";

export interface MigrationModule {
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

export const MIGRATIONS: ReadonlyArray<readonly [name: string, module: MigrationModule]> = [
  ["0001_foundation", m0001],
  ["0002_customers", m0002],
  ["0003_imports", m0003],
  ["0004_bulk_import_writes", m0004],
];
