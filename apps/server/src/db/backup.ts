/**
 * Online backup and restore of the embedded SQLite database. The backup uses SQLite's online
 * backup API, so it is a consistent copy even while the server keeps writing. PostgreSQL is
 * backed up with pg_dump (see the README).
 */
import { copyFileSync, existsSync, mkdirSync, renameSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";

export interface BackupResult {
  file: string;
  pages: number;
}

export async function backupSqlite(sourcePath: string, destination: string): Promise<BackupResult> {
  if (!existsSync(sourcePath)) throw new Error(`No database at ${sourcePath}. Is DATA_DIR right?`);
  if (existsSync(destination)) throw new Error(`${destination} already exists; choose a new file name.`);
  mkdirSync(dirname(destination), { recursive: true });
  const source = new SQLite(sourcePath, { fileMustExist: true });
  source.pragma("busy_timeout = 5000");
  try {
    const temporary = `${destination}.partial`;
    const progress = await source.backup(temporary);
    checkIntegrity(temporary);
    renameSync(temporary, destination);
    return { file: destination, pages: progress.totalPages };
  } finally {
    source.close();
  }
}

export function checkIntegrity(file: string): void {
  const copy = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const result = copy.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new Error(`${file} failed the integrity check: ${String(result)}`);
  } finally {
    copy.close();
  }
}

/** Restores a backup into an empty DATA_DIR; refuses to overwrite an existing database. */
export function restoreSqlite(backupFile: string, targetPath: string): void {
  if (!existsSync(backupFile)) throw new Error(`No backup file at ${backupFile}.`);
  const dataDir = dirname(targetPath);
  if (existsSync(targetPath) || existsSync(`${targetPath}-wal`)) {
    throw new Error(
      `${targetPath} already exists. Restore into an empty DATA_DIR, or move the current database away first.`,
    );
  }
  checkIntegrity(backupFile);
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(backupFile, `${targetPath}.restoring`);
  renameSync(`${targetPath}.restoring`, targetPath);
}
