/** `npm run backup -- <file>`: a consistent copy of the SQLite database, safe while the server runs. */
import { resolve } from "node:path";
import { loadConfig } from "../config.ts";
import { backupSqlite } from "../db/backup.ts";

const target = process.argv[2];
const config = loadConfig();
if (!target) {
  process.stderr.write("Usage: npm run backup -- <backup-file.sqlite>\n");
  process.exit(2);
}
if (config.databaseKind === "postgres") {
  process.stderr.write(
    'DATABASE_URL is PostgreSQL: back up with pg_dump, e.g. pg_dump -Fc "$DATABASE_URL" > tradewind.dump\n',
  );
  process.exit(2);
}
backupSqlite(resolve(config.sqlitePath), resolve(target))
  .then((result) =>
    process.stdout.write(`Backup written to ${result.file} (${result.pages} pages, integrity ok)\n`),
  )
  .catch((error: unknown) => {
    process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
