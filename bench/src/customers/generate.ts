/**
 * Generates N customers with 2 contacts each, with realistic names in many languages and
 * scripts (Chinese local names included), straight into the database through the driver in
 * large transactions. The rows are what the application would write: same search text and
 * tokens, duplicate keys and tags.
 */
import { countryTimeZone, duplicateKeys, searchText, searchTokens } from "@tradewind/domain";
import { sql } from "kysely";
import { v7 } from "uuid";
import type { Database } from "../../../apps/server/src/db/database.ts";
import {
  createPostgresCustomerSearchIndexes,
  dropPostgresCustomerSearchIndexes,
} from "../../../apps/server/src/db/dialect.ts";

const COUNTRIES = [
  "US",
  "DE",
  "GB",
  "FR",
  "IT",
  "ES",
  "NL",
  "PL",
  "RU",
  "TR",
  "AE",
  "SA",
  "IN",
  "JP",
  "KR",
  "AU",
  "CA",
  "MX",
  "BR",
  "CL",
  "ZA",
  "NG",
  "EG",
  "KE",
  "VN",
  "TH",
  "MY",
  "ID",
  "SG",
  "HK",
];
/** Syllables for brand-like names (Korvanta, Delmoro, ...): a long tail of words, as real customer lists have. */
const SYLLABLES = [
  "kor",
  "van",
  "ta",
  "del",
  "mo",
  "ro",
  "bel",
  "li",
  "ner",
  "sa",
  "tri",
  "ox",
  "la",
  "vi",
  "den",
  "mar",
  "co",
  "lux",
  "ra",
  "zen",
  "pol",
  "ka",
  "ne",
  "sto",
  "ar",
  "bri",
  "quel",
  "fa",
  "tor",
  "mi",
  "gal",
  "ve",
  "hel",
  "dor",
  "nu",
  "sky",
  "ber",
  "lin",
  "to",
  "ga",
];
const TRADES = [
  "Trading",
  "Imports",
  "Hardware",
  "Home Goods",
  "Textiles",
  "Lighting",
  "Tools",
  "Supplies",
  "Distribution",
  "Sourcing",
  "Housewares",
  "Packaging",
  "Garden",
  "Electric",
  "Ceramics",
];
const SUFFIXES = [
  "Ltd",
  "LLC",
  "Inc.",
  "GmbH",
  "S.A.",
  "S.r.l.",
  "B.V.",
  "Sp. z o.o.",
  "A.Ş.",
  "Pty Ltd",
  "Co., Ltd.",
  "SARL",
  "AB",
  "Oy",
  "S.L.",
];
const NATIVE = [
  ["ООО «", "Восток", "Импорт", "»"],
  ["株式会社", "大和", "商事", ""],
  ["", "한강", "무역 주식회사", ""],
  ["", "شركة النور", " للتجارة", ""],
  ["", "Boğaziçi", " Dış Ticaret A.Ş.", ""],
];
const CN_CITIES = [
  "宁波",
  "义乌",
  "广州",
  "深圳",
  "上海",
  "杭州",
  "苏州",
  "厦门",
  "青岛",
  "天津",
  "温州",
  "佛山",
  "东莞",
  "泉州",
  "绍兴",
];
const CN_WORDS = [
  "海天",
  "华美",
  "金达",
  "远航",
  "恒信",
  "瑞丰",
  "宏达",
  "中联",
  "新世纪",
  "东方",
  "盛世",
  "永兴",
  "鼎盛",
  "天成",
  "汇通",
];
const CN_TRADES = ["贸易", "进出口", "五金", "家居用品", "纺织", "灯饰", "工具", "包装", "陶瓷", "电器"];
const FIRST = [
  "John",
  "Maria",
  "Hans",
  "Anna",
  "Luca",
  "Sofia",
  "Pierre",
  "Camille",
  "Piotr",
  "Olga",
  "Mehmet",
  "Ayşe",
  "Ahmed",
  "Fatima",
  "Rahul",
  "Priya",
  "Kenji",
  "Yuki",
  "Min-jun",
  "Seo-yeon",
  "Carlos",
  "Lucía",
  "Liam",
  "Emma",
  "Thabo",
  "Wanjiru",
  "Minh",
  "Siti",
  "伟",
  "芳",
  "Алексей",
  "Наталья",
];
const LAST = [
  "Smith",
  "Müller",
  "Rossi",
  "García",
  "Martin",
  "Kowalski",
  "Ivanov",
  "Yılmaz",
  "Al Mansouri",
  "Sharma",
  "Sato",
  "Kim",
  "Silva",
  "Hernández",
  "Brown",
  "Nkosi",
  "Nguyen",
  "Tan",
  "王",
  "李",
  "Иванова",
  "Schmidt",
  "Dubois",
  "Jansen",
  "Okafor",
  "Wilson",
  "Lee",
  "Costa",
  "Novak",
  "Andersson",
];
const TAGS = [
  "canton-fair",
  "oem",
  "odm",
  "repeat-buyer",
  "samples-sent",
  "price-sensitive",
  "amazon-seller",
  "new-2026",
];
const GRADES = ["A", "B", "C", "D", "E"];
const URGENCIES = ["urgent", "moderate", "not_urgent", "slow", null];
const SOURCES = [
  "trade_show",
  "customs_data",
  "b2b_platform",
  "search_engine",
  "social_platform",
  "mobile_social",
  "referral",
  "other",
];

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface GeneratedRows {
  customers: Record<string, unknown>[];
  contacts: Record<string, unknown>[];
  keys: Record<string, unknown>[];
  tags: Record<string, unknown>[];
}

export function makeBatch(
  start: number,
  count: number,
  ownerIds: string[],
  next: () => number,
): GeneratedRows {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const out: GeneratedRows = { customers: [], contacts: [], keys: [], tags: [] };
  const base = Date.parse("2024-06-01T00:00:00Z");
  for (let i = start; i < start + count; i++) {
    const id = v7();
    const country = COUNTRIES[i % COUNTRIES.length]!;
    let companyName: string;
    if (i % 7 === 3) {
      const [pre, a, b, post] = pick(NATIVE);
      companyName = `${pre}${a}${b}${post}`;
    } else {
      const brand = pick(SYLLABLES) + pick(SYLLABLES) + (next() < 0.6 ? pick(SYLLABLES) : "");
      companyName = `${brand[0]!.toUpperCase()}${brand.slice(1)} ${pick(TRADES)} ${pick(SUFFIXES)}`;
    }
    const localName = i % 3 === 0 ? `${pick(CN_CITIES)}${pick(CN_WORDS)}${pick(CN_TRADES)}有限公司` : null;
    const domain = `c${i}.example.com`;
    const website = `www.${domain}`;
    const contacts = [0, 1].map((n) => {
      const name = `${pick(FIRST)} ${pick(LAST)}`;
      return {
        id: v7(),
        customer_id: id,
        name,
        title: n === 0 ? "Purchasing manager" : "Quality control",
        emails: JSON.stringify([`${n === 0 ? "buyer" : "qc"}${i}@${domain}`]),
        phones: JSON.stringify([
          `+${1 + (i % 90)} ${String(200 + (i % 700))} ${String(1_000_000 + ((i * 7 + n) % 9_000_000))}`,
        ]),
        whatsapp: null,
        wechat: null,
        skype: null,
        linkedin: null,
        is_primary: n === 0 ? 1 : 0,
        position: n,
      };
    });
    const updatedAt = new Date(base + Math.floor(next() * 2 * 365 * 86_400_000)).toISOString();
    const searchSource = {
      companyName,
      localName,
      website,
      contacts: contacts.map((c) => ({
        name: c.name,
        emails: JSON.parse(c.emails) as string[],
        phones: JSON.parse(c.phones) as string[],
      })),
    };
    const tags = [pick(TAGS)];
    const grade = GRADES[i % 5]!;
    out.customers.push({
      id,
      company_name: companyName,
      local_name: localName,
      country,
      address: null,
      website,
      industry: pick(TRADES),
      source: pick(SOURCES),
      source_detail: null,
      tags: JSON.stringify(tags),
      credit_limit_minor: null,
      credit_currency: null,
      credit_status: "good",
      notes: null,
      owner_id: ownerIds[i % ownerIds.length]!,
      key_account: i % 50 === 0 ? 1 : 0,
      key_account_owner_id: null,
      time_zone: countryTimeZone(country),
      deal_status: pick(["closed", "negotiating", "potential"]),
      importance: pick(["A", "B", "C"]),
      urgency: pick(URGENCIES),
      demand: grade === "E" ? "dead" : grade === "D" ? "potential" : "target",
      grade,
      suggested_grade: grade,
      grade_overridden: 0,
      expected_close_date: null,
      next_action_date: null,
      next_action: null,
      last_follow_up_at: null,
      last_touched_at: updatedAt,
      pooled_at: null,
      pool_warned_at: null,
      search_text: searchText(searchSource),
      search_tokens: searchTokens(searchSource),
      created_by: null,
      import_id: null,
      created_at: updatedAt,
      updated_at: updatedAt,
      version: 1,
    });
    for (const c of contacts) out.contacts.push({ ...c, created_at: updatedAt, updated_at: updatedAt });
    for (const key of duplicateKeys({
      ...searchSource,
      emails: searchSource.contacts.flatMap((c) => c.emails),
      phones: searchSource.contacts.flatMap((c) => c.phones),
    })) {
      out.keys.push({ kind: key.kind, value: key.value, customer_id: id });
    }
    for (const tag of tags) out.tags.push({ tag, customer_id: id });
  }
  return out;
}

const BATCH = 5_000;

async function insertSqlite(database: Database, rows: GeneratedRows): Promise<void> {
  const db = database.sqlite!;
  const insert = (table: string, items: Record<string, unknown>[]) => {
    if (items.length === 0) return;
    const columns = Object.keys(items[0]!);
    const statement = db.prepare(
      `insert into ${table} (${columns.join(",")}) values (${columns.map((c) => `@${c}`).join(",")})`,
    );
    for (const item of items) statement.run(item);
  };
  db.transaction(() => {
    insert("customers", rows.customers);
    insert("contacts", rows.contacts);
    insert("customer_keys", rows.keys);
    insert("customer_tags", rows.tags);
  })();
}

/** Each column's declared type, for the casts of the unnested arrays (a column of nulls has no type to infer). */
const postgresColumnTypes = new Map<string, string>();

async function columnType(database: Database, table: string, column: string): Promise<string> {
  const key = `${table}.${column}`;
  if (!postgresColumnTypes.has(key)) {
    // Result columns come back camel-cased (the application's Kysely plugin).
    const rows = await sql<{ tableName: string; columnName: string; dataType: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = current_schema()`.execute(database.db);
    for (const row of rows.rows) postgresColumnTypes.set(`${row.tableName}.${row.columnName}`, row.dataType);
  }
  const type = postgresColumnTypes.get(key);
  if (!type) throw new Error(`no column ${key}`);
  return type;
}

async function insertPostgres(database: Database, rows: GeneratedRows): Promise<void> {
  const tables = [
    ["customers", rows.customers],
    ["contacts", rows.contacts],
    ["customer_keys", rows.keys],
    ["customer_tags", rows.tags],
  ] as const;
  const casts = new Map<string, string[]>();
  for (const [table, items] of tables) {
    const columns = Object.keys(items[0] ?? {});
    const types: string[] = [];
    for (const column of columns) types.push(`${await columnType(database, table, column)}[]`);
    casts.set(table, types);
  }
  await database.db.transaction().execute(async (trx) => {
    for (const [table, items] of tables) {
      if (items.length === 0) continue;
      const columns = Object.keys(items[0]!);
      // One statement per table and batch: arrays per column, unnested on the server.
      const arrays = columns.map((c) => items.map((item) => item[c] ?? null));
      const types = casts.get(table)!;
      await sql`insert into ${sql.raw(table)} (${sql.raw(columns.join(","))}) select * from unnest(${sql.join(arrays.map((a, i) => sql`${a}::${sql.raw(types[i]!)}`))})`.execute(
        trx,
      );
    }
  });
}

/**
 * SQLite bulk load: indexes and the search triggers of customers are dropped for the load and
 * rebuilt once at the end (sorting once beats updating eleven B-trees and two full-text indexes
 * row by row); the search tables are then filled exactly as the triggers would have.
 */
function withoutSqliteIndexes(database: Database): () => void {
  const db = database.sqlite!;
  const objects = db
    .prepare(
      "select type, name, sql from sqlite_master where tbl_name = 'customers' and type in ('index', 'trigger') and sql is not null",
    )
    .all() as { type: string; name: string; sql: string }[];
  for (const object of objects) db.exec(`drop ${object.type} ${object.name}`);
  return () => {
    for (const object of objects.filter((o) => o.type === "index")) db.exec(object.sql);
    db.exec(
      "insert into customer_search_ids (customer_id) select id from customers where id not in (select customer_id from customer_search_ids) order by id",
    );
    db.exec(
      "insert into customer_fts_trigram (rowid, search_text) select s.seq, c.search_text from customers c join customer_search_ids s on s.customer_id = c.id",
    );
    db.exec(
      "insert into customer_fts_tokens (rowid, search_tokens) select s.seq, c.search_tokens from customers c join customer_search_ids s on s.customer_id = c.id",
    );
    for (const object of objects.filter((o) => o.type === "trigger")) db.exec(object.sql);
    // What the nightly customers.searchOptimize job does after a big import.
    for (const table of ["customer_fts_trigram", "customer_fts_tokens"])
      db.exec(`insert into ${table}(${table}) values ('optimize')`);
  };
}

export async function generateCustomers(
  database: Database,
  size: number,
  ownerIds: string[],
  progress: (done: number, phase: string) => void,
): Promise<void> {
  const next = random(42);
  let restore: (() => void) | null = null;
  if (database.kind === "postgres") {
    // Building GIN indexes once at the end is far faster than maintaining them row by row.
    await dropPostgresCustomerSearchIndexes(database.db);
  } else {
    database.sqlite!.pragma("synchronous = OFF");
    restore = withoutSqliteIndexes(database);
  }
  for (let start = 0; start < size; start += BATCH) {
    const rows = makeBatch(start, Math.min(BATCH, size - start), ownerIds, next);
    if (database.kind === "postgres") await insertPostgres(database, rows);
    else await insertSqlite(database, rows);
    progress(Math.min(size, start + BATCH), "rows");
  }
  progress(size, "indexes");
  if (database.kind === "postgres") {
    await createPostgresCustomerSearchIndexes(database.db);
    await sql`analyze`.execute(database.db);
  } else {
    restore!();
    database.sqlite!.pragma("synchronous = FULL");
    database.sqlite!.exec("analyze");
  }
}
