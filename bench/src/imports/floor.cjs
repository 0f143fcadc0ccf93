// The import benchmark's floor, in its own process so its peak memory is its own:
// a streaming parse of the workbook and one prepared-statement transaction inserting the rows.
const ExcelJS = require("exceljs");
const SQLite = require("better-sqlite3");
(async () => {
  const [file, dbPath] = process.argv.slice(2);
  const started = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: "cache", worksheets: "emit" });
  const rows = [];
  for await (const sheet of reader) for await (const row of sheet) if (row.number > 1) rows.push(row.values);
  const parsed = performance.now();
  const db = new SQLite(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  const now = new Date().toISOString();
  const insert = db.prepare(
    "insert into customers (id, company_name, local_name, country, source, tags, credit_status, deal_status, demand, grade, next_action_date, notes, search_text, search_tokens, last_touched_at, created_at, updated_at) values (?, ?, ?, 'DE', 'other', '[]', 'good', 'potential', 'potential', ?, ?, ?, ?, '', ?, ?, ?)",
  );
  db.transaction(() => {
    let n = 0;
    for (const v of rows)
      insert.run(
        `floor-${n++}`,
        String(v[1]),
        String(v[2] ?? ""),
        String(v[8] ?? ""),
        v[9] instanceof Date ? v[9].toISOString().slice(0, 10) : null,
        v[10] ?? null,
        String(v[1]).toLowerCase(),
        now,
        now,
        now,
      );
  })();
  db.close();
  const { readFileSync } = require("node:fs");
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))[1]) * 1024;
  process.send({
    parseMs: parsed - started,
    totalMs: performance.now() - started,
    rows: rows.length,
    peakRss: hwm,
  });
})();
