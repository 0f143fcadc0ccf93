/**
 * `npm run bench -- import [--rows N] [--runs R]`: a 100,000-row customer workbook imported over
 * HTTP into a fresh server, against its floor (a streaming parse of the same file and one
 * prepared-statement transaction inserting the same rows); the list endpoint's p99 while the
 * import runs against its idle p99; and an export of the imported rows against a bare ExcelJS
 * streaming write of the same rows. Prints a table, writes bench/results/import-sqlite.json.
 */

import { fork } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { type LoadResult, load } from "../lib/load.ts";
import { repoRoot, startServer } from "../lib/processes.ts";

interface Options {
  rows: number;
  runs: number;
}

const CITIES = ["宁波", "义乌", "广州", "深圳", "上海", "杭州", "苏州", "厦门"];
const WORDS = ["海天", "华美", "金达", "远航", "恒信", "瑞丰", "宏达", "中联"];
const BRANDS = ["Korvanta", "Delmoro", "Bellina", "Saxtor", "Mirabel", "Nordvik", "Quelaro", "Tristan"];
const COUNTRIES = ["德国", "United States", "FR", "日本", "Brazil", "GB", "意大利", "Australia"];

async function writeWorkbook(path: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = workbook.addWorksheet("客户");
  sheet
    .addRow(["公司名称", "中文名称", "国家", "联系人", "邮箱", "电话", "业务员", "等级", "下次跟进", "备注"])
    .commit();
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < rows; i++) {
    sheet
      .addRow([
        `${BRANDS[i % 8]} ${["Trading", "Imports", "Hardware", "Textiles"][i % 4]} ${i} Ltd`,
        `${CITIES[i % 8]}${WORDS[(i >> 3) % 8]}贸易有限公司${i}`,
        COUNTRIES[i % 8],
        `Contact ${i}`,
        `buyer${i}@c${i}.example.com`,
        `+49 30 ${String(1_000_000 + i)}`,
        ["张伟", "陈静", "sales3@demo.test"][i % 3],
        "ABCDE"[i % 5],
        new Date(base + (i % 365) * 86_400_000),
        i % 10 === 0 ? "大客户，喜欢早上联系" : null,
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

const here = new URL(".", import.meta.url).pathname;

function runChild<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, script), args, { cwd: repoRoot, stdio: "inherit" });
    let answered = false;
    child.once("message", (message) => {
      answered = true;
      resolve(message as T);
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (!answered) reject(new Error(`${script} exited with ${code} before answering`));
    });
  });
}

function runFloor(file: string, dbPath: string) {
  return runChild<{ parseMs: number; totalMs: number; rows: number; peakRss: number }>("floor.cjs", [
    file,
    dbPath,
  ]);
}

function runParseOnly(file: string) {
  return runChild<{ parseMs: number; rows: number; peakRss: number }>("parse-only.cjs", [file]);
}

function peakRss(pid: number): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
}

async function api(base: string, token: string, path: string, init: RequestInit = {}) {
  const response = await fetch(base + path, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body && !(init.body instanceof FormData) ? { "content-type": "application/json" } : {}),
      ...(init.headers ?? {}),
    },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response;
}

async function tokenFor(base: string, email: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "tradewind-demo" }),
  });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await fetch(`${base}/api/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({ name: "bench" }),
  });
  return ((await created.json()) as { secret: string }).secret;
}

async function waitUntil<T>(poll: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await poll();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function runImport(options: Options): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tradewind-import-bench-"));
  const file = join(dir, "customers.xlsx");
  console.log(`\n== import benchmark on sqlite: ${options.rows.toLocaleString("en")} rows ==`);
  await writeWorkbook(file, options.rows);
  const bytes = readFileSync(file);
  console.log(`  workbook: ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
  const results: Record<string, unknown>[] = [];
  try {
    for (let run = 1; run <= options.runs; run++) {
      const dataDir = join(dir, `run-${run}`);
      const server = await startServer({
        DATA_DIR: dataDir,
        JOBS: "1",
        LOG_LEVEL: "warn",
        TRADEWIND_DEMO: "1",
        IMPORT_MAX_FILE_MB: "100",
      });
      try {
        const sales = await tokenFor(server.url, "sales1@demo.test");
        const admin = await tokenFor(server.url, "admin@demo.test");
        const listUrl = `${server.url}/api/customers?limit=50`;
        const idle = await load(listUrl, {
          connections: 10,
          durationSeconds: 5,
          headers: { authorization: `Bearer ${sales}` },
        });
        const baseRss = peakRss(server.child.pid!);

        const started = performance.now();
        const form = new FormData();
        form.set("file", new Blob([bytes]), "customers.xlsx");
        const preview = (await (
          await api(server.url, sales, "/api/imports", { method: "POST", body: form })
        ).json()) as { id: string; settings: unknown; counts: Record<string, number> };
        const uploadedMs = performance.now() - started;
        await api(server.url, sales, `/api/imports/${preview.id}/start`, {
          method: "POST",
          body: JSON.stringify(preview.settings),
        });
        const busyLoad = load(listUrl, {
          connections: 10,
          durationSeconds: 5,
          headers: { authorization: `Bearer ${sales}` },
        });
        const summary = await waitUntil(
          async () =>
            (await (await api(server.url, sales, `/api/imports/${preview.id}`)).json()) as {
              status: string;
              createdCount: number;
              rowsPerSecond: number;
            },
          (s) => !["queued", "running"].includes(s.status),
        );
        const importMs = performance.now() - started;
        const busy: LoadResult = await busyLoad;
        const importRss = peakRss(server.child.pid!);

        const floor = await runFloor(file, join(dataDir, "tradewind.sqlite"));
        const parseOnly = await runParseOnly(file);

        const exportStarted = performance.now();
        const requested = (await (
          await api(server.url, admin, "/api/exports", {
            method: "POST",
            body: JSON.stringify({
              filters: { q: "Ltd" },
              columns: [
                "companyName",
                "localName",
                "country",
                "contactName",
                "contactEmail",
                "contactPhone",
                "owner",
                "grade",
                "nextActionDate",
                "notes",
              ],
            }),
          })
        ).json()) as { id: string };
        const exported = await waitUntil(
          async () =>
            (await (await api(server.url, admin, `/api/exports/${requested.id}`)).json()) as {
              status: string;
              rowsDone: number;
            },
          (s) => !["queued", "running"].includes(s.status),
        );
        const exportMs = performance.now() - exportStarted;
        const bareExport = await bareExcelWrite(join(dataDir, "tradewind.sqlite"), join(dir, "bare.xlsx"));

        results.push({
          run,
          status: summary.status,
          created: summary.createdCount,
          uploadAndPreviewMs: Math.round(uploadedMs),
          importMs: Math.round(importMs),
          floorMs: Math.round(floor.totalMs),
          floorParseMs: Math.round(floor.parseMs),
          importOverFloor: +(importMs / floor.totalMs).toFixed(2),
          peakRssMb: Math.round((importRss - 0) / 1024 / 1024),
          serverRssBeforeMb: Math.round(baseRss / 1024 / 1024),
          parseOnlyRssMb: Math.round(parseOnly.peakRss / 1024 / 1024),
          floorRssMb: Math.round(floor.peakRss / 1024 / 1024),
          rssOverParse: +(importRss / parseOnly.peakRss).toFixed(2),
          listIdleP99: idle.p99,
          listBusyP99: busy.p99,
          busyOverIdle: +(busy.p99 / idle.p99).toFixed(2),
          exportStatus: exported.status,
          exportRows: exported.rowsDone,
          exportMs: Math.round(exportMs),
          bareExportMs: Math.round(bareExport.ms),
          exportOverBare: +(exportMs / bareExport.ms).toFixed(2),
        });
        console.log(`  run ${run}:`, JSON.stringify(results.at(-1)));
      } finally {
        await server.stop();
      }
    }
  } finally {
    // BENCH_KEEP=1 leaves the workbook and each run's database for a look afterwards.
    if (process.env.BENCH_KEEP) console.log(`  kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  const median = (key: string) => {
    const values = results.map((r) => Number(r[key])).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)]!;
  };
  const rows = [
    [
      "import end to end (ms)",
      median("importMs"),
      `floor ${median("floorMs")} ms`,
      `${median("importOverFloor")}x`,
      "<= 2.5x",
      median("importOverFloor") <= 2.5,
    ],
    [
      "peak RSS (MB)",
      median("peakRssMb"),
      `parse alone ${median("parseOnlyRssMb")} MB`,
      `${median("rssOverParse")}x`,
      "<= 1.5x",
      median("rssOverParse") <= 1.5,
    ],
    [
      "list p99 while importing (ms)",
      median("listBusyP99"),
      `idle ${median("listIdleP99")} ms`,
      `${median("busyOverIdle")}x`,
      "<= 3x",
      median("busyOverIdle") <= 3,
    ],
    [
      "export 100k rows (ms)",
      median("exportMs"),
      `bare ExcelJS ${median("bareExportMs")} ms`,
      `${median("exportOverBare")}x`,
      "<= 2x",
      median("exportOverBare") <= 2,
    ],
  ] as const;
  console.log("");
  for (const [name, value, baseline, ratio, target, met] of rows) {
    console.log(
      `  ${name.padEnd(34)} ${String(value).padStart(8)}   ${baseline.padEnd(26)} ${ratio.padStart(7)}  ${target}: ${met ? "met" : "MISSED"}`,
    );
  }
  const out = join(repoRoot, "bench", "results", "import-sqlite.json");
  writeFileSync(
    out,
    `${JSON.stringify({ rows: options.rows, runs: results, at: new Date().toISOString(), node: process.version }, null, 2)}\n`,
  );
  console.log(`  written ${out}`);
}

/** The same rows written with ExcelJS's streaming writer straight from the database: the export's floor. */
async function bareExcelWrite(dbPath: string, out: string): Promise<{ ms: number }> {
  const { default: SQLite } = await import("better-sqlite3");
  const db = new SQLite(dbPath, { readonly: true });
  const started = performance.now();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: false });
  const sheet = workbook.addWorksheet("customers");
  const statement = db.prepare(
    "select c.company_name, c.local_name, c.country, p.name, p.emails, p.phones, u.name as owner, c.grade, c.next_action_date, c.notes from customers c left join contacts p on p.customer_id = c.id and p.is_primary = 1 left join users u on u.id = c.owner_id where c.import_id is not null",
  );
  for (const row of statement.iterate() as Iterable<Record<string, unknown>>)
    sheet.addRow(Object.values(row)).commit();
  sheet.commit();
  await workbook.commit();
  db.close();
  return { ms: performance.now() - started };
}
