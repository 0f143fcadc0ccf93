/** `npm run restore -- <file>`: puts a backup in place as the database of an empty DATA_DIR. */
import { resolve } from "node:path";
import { loadConfig } from "../config.ts";
import { restoreSqlite } from "../db/backup.ts";

const source = process.argv[2];
const config = loadConfig();
if (!source) {
  process.stderr.write(
    "Usage: npm run restore -- <backup-file.sqlite>   (into an empty DATA_DIR; stop the server first)\n",
  );
  process.exit(2);
}
if (config.databaseKind === "postgres") {
  process.stderr.write(
    'DATABASE_URL is PostgreSQL: restore with pg_restore, e.g. pg_restore -d "$DATABASE_URL" tradewind.dump\n',
  );
  process.exit(2);
}
try {
  restoreSqlite(resolve(source), resolve(config.sqlitePath));
  process.stdout.write(`Restored ${source} to ${config.sqlitePath}. Start Tradewind with npm start.\n`);
} catch (error) {
  process.stderr.write(`Restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
