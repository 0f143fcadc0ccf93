/** Customer queries: the archive, contacts, duplicate keys, tags, and the scoped, paged list. */
import type { CustomerListQuery, CustomerSort, DataScope, DuplicateKey } from "@tradewind/domain";
import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { ScopeSubject } from "../../access/identity.ts";
import { scopeFilter } from "../../access/policy.ts";
import { type CustomerSearchPlan, type Dialect, dialectFor, textIn } from "../../db/dialect.ts";
import { hotQuery, shapedQuery } from "../../db/hot-query.ts";
import type { ContactsTable, CustomersTable, DB } from "../../db/schema.ts";
import type { CursorValue } from "../../http/pagination.ts";

/**
 * Which customers a user may see (R-ORG-4, R-CUST-7): those whose owner is in its scope, the
 * key accounts it is the dedicated owner of, and the public pool.
 */
export function visibleTo(user: ScopeSubject) {
  return sql<boolean>`(customers.owner_id is null or customers.key_account_owner_id = ${user.id} or ${scopeFilter(user, sql.ref("customers.owner_id"))}) and ${committed}`;
}

/**
 * Customers written by an import exist for everyone only once the import commits (all or nothing).
 * Said as "not written by an import still pending" so that no plan can be driven by it: written
 * as "import_id is null or import_id in (committed imports)", SQLite chose to walk the import_id
 * index for a list of a thousand ids and read every imported customer (168 ms instead of 30 ms
 * per thousand at 100,000 imported customers).
 */
export const committed = sql<boolean>`not exists (select 1 from imports pending_import where pending_import.id = customers.import_id and pending_import.committed_at is null)`;

export function insertCustomer(db: Kysely<DB>, row: CustomersTable) {
  return db.insertInto("customers").values(row).execute();
}

export async function updateCustomerAtVersion(
  db: Kysely<DB>,
  id: string,
  version: number,
  changes: Partial<CustomersTable>,
) {
  const result = await db
    .updateTable("customers")
    .set({ ...changes, version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The owner's name beside a customer. A correlated lookup rather than a join: with the join,
 * SQLite read a customer by id about four times slower (measured at a million customers).
 */
function ownerName(eb: ExpressionBuilder<DB, "customers">) {
  return eb
    .selectFrom("users as owner")
    .select("owner.name")
    .whereRef("owner.id", "=", "customers.ownerId")
    .as("ownerName");
}

/** One customer by id if the user may see it; compiled once per scope kind (it runs on every detail view). */
function visibleCustomerQuery(dataScope: DataScope) {
  return hotQuery(
    (db, userId: string, teamIds: string[], ledZoneIds: string[], departmentIds: string[], id: string) =>
      db
        .selectFrom("customers")
        .selectAll("customers")
        .select(ownerName)
        .where("customers.id", "=", id)
        .where(visibleTo({ id: userId, dataScope, teamIds, ledZoneIds, departmentIds })),
  );
}

const visibleCustomerQueries: Record<DataScope, ReturnType<typeof visibleCustomerQuery>> = {
  own: visibleCustomerQuery("own"),
  team: visibleCustomerQuery("team"),
  department: visibleCustomerQuery("department"),
  all: visibleCustomerQuery("all"),
};

/** What a customer shows (its row without the search helpers), as an export reads it. */
const VIEW_COLUMNS = [
  "id",
  "companyName",
  "localName",
  "country",
  "address",
  "website",
  "industry",
  "source",
  "sourceDetail",
  "tags",
  "creditLimitMinor",
  "creditCurrency",
  "creditStatus",
  "notes",
  "ownerId",
  "keyAccount",
  "keyAccountOwnerId",
  "timeZone",
  "dealStatus",
  "importance",
  "urgency",
  "demand",
  "grade",
  "suggestedGrade",
  "gradeOverridden",
  "expectedCloseDate",
  "nextActionDate",
  "nextAction",
  "lastFollowUpAt",
  "pooledAt",
  "createdAt",
  "updatedAt",
  "version",
] as const satisfies readonly (keyof CustomersTable)[];

export type CustomerView = Pick<CustomersTable, (typeof VIEW_COLUMNS)[number]> & { ownerName: string | null };

const viewSelect = sql.raw(
  VIEW_COLUMNS.map(
    (column) => `customers.${column.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} as "${column}"`,
  ).join(", "),
);

/**
 * Many customers by id among those the user may see, in raw SQL with the names already as the
 * code spells them: an export reads 100,000 this way, and the camel-case plugin's copy of every
 * row (and the search columns nobody shows) cost more than reading the rows.
 */
export async function findVisibleCustomerViews(
  db: Kysely<DB>,
  user: ScopeSubject,
  ids: string[],
): Promise<CustomerView[]> {
  if (ids.length === 0) return [];
  const result = await sql<CustomerView>`select ${viewSelect},
      (select owner.name from users owner where owner.id = customers.owner_id) as "ownerName"
    from customers where customers.id in (${sql.join(ids)}) and ${visibleTo(user)}`.execute(
    db.withoutPlugins(),
  );
  return result.rows;
}

/** Contacts of many customers, in raw SQL for the same reason as findVisibleCustomerViews. */
export async function contactViewsOf(db: Kysely<DB>, customerIds: string[]): Promise<ContactsTable[]> {
  if (customerIds.length === 0) return [];
  const result = await sql<ContactsTable>`select id, customer_id as "customerId", name, title, emails, phones,
      whatsapp, wechat, skype, linkedin, is_primary as "isPrimary", position,
      created_at as "createdAt", updated_at as "updatedAt"
    from contacts where customer_id in (${sql.join(customerIds)})
    order by customer_id, position`.execute(db.withoutPlugins());
  return result.rows;
}

type CustomerRowWithOwner = CustomersTable & { ownerName: string | null };

/** One customer if the user may see it; `undefined` both when missing and when out of scope. */
export async function findVisibleCustomer(
  db: Kysely<DB>,
  user: ScopeSubject,
  id: string,
): Promise<CustomerRowWithOwner | undefined> {
  const rows = await visibleCustomerQueries[user.dataScope](
    db,
    user.id,
    user.teamIds,
    user.ledZoneIds,
    user.departmentIds,
    id,
  );
  return rows[0];
}

export function findCustomer(db: Kysely<DB>, id: string) {
  return db
    .selectFrom("customers")
    .selectAll("customers")
    .select(ownerName)
    .where("customers.id", "=", id)
    .executeTakeFirst();
}

const contactsQuery = hotQuery((db, customerIds: readonly string[]) =>
  db
    .selectFrom("contacts")
    .selectAll()
    .where("customerId", "in", customerIds)
    .orderBy("customerId")
    .orderBy("position"),
);

export function contactsOf(db: Kysely<DB>, customerIds: string[]): Promise<ContactsTable[]> {
  if (customerIds.length === 0) return Promise.resolve([]);
  return contactsQuery(db, customerIds);
}

export async function replaceContacts(db: Kysely<DB>, customerId: string, rows: ContactsTable[]) {
  const keep = rows.map((r) => r.id);
  let removal = db.deleteFrom("contacts").where("customerId", "=", customerId);
  if (keep.length > 0) removal = removal.where("id", "not in", keep);
  await removal.execute();
  for (const row of rows) {
    await db
      .insertInto("contacts")
      .values(row)
      .onConflict((oc) =>
        oc.column("id").doUpdateSet({
          name: row.name,
          title: row.title,
          emails: row.emails,
          phones: row.phones,
          whatsapp: row.whatsapp,
          wechat: row.wechat,
          skype: row.skype,
          linkedin: row.linkedin,
          isPrimary: row.isPrimary,
          position: row.position,
          updatedAt: row.updatedAt,
        }),
      )
      .execute();
  }
}

export async function replaceKeys(db: Kysely<DB>, customerId: string, keys: DuplicateKey[]) {
  await db.deleteFrom("customerKeys").where("customerId", "=", customerId).execute();
  if (keys.length > 0) {
    await db
      .insertInto("customerKeys")
      .values(keys.map((k) => ({ kind: k.kind, value: k.value, customerId })))
      .execute();
  }
}

export async function replaceTags(db: Kysely<DB>, customerId: string, tags: string[]) {
  await db.deleteFrom("customerTags").where("customerId", "=", customerId).execute();
  if (tags.length > 0)
    await db
      .insertInto("customerTags")
      .values(tags.map((tag) => ({ tag, customerId })))
      .execute();
}

/** Customers sharing any key, with the owner's name; at most 20. */
export async function findByKeys(db: Kysely<DB>, keys: DuplicateKey[], excludeId?: string) {
  if (keys.length === 0) return [];
  let query = db
    .selectFrom("customerKeys as k")
    .innerJoin("customers", "customers.id", "k.customerId")
    .leftJoin("users as owner", "owner.id", "customers.ownerId")
    .select([
      "customers.id",
      "customers.companyName",
      "customers.ownerId",
      "customers.keyAccountOwnerId",
      "owner.name as ownerName",
      "k.kind",
    ])
    .where((eb) =>
      eb.or(keys.map((key) => eb.and([eb("k.kind", "=", key.kind), eb("k.value", "=", key.value)]))),
    )
    .where(committed)
    .limit(100);
  if (excludeId) query = query.where("customers.id", "!=", excludeId);
  return query.execute();
}

/** The list's order: a sort the user can pick, or (for a search with none picked) the search index's. */
export type ListOrder = CustomerSort | "-searchOrder";

/**
 * Customers holding any of many values of one key kind, for bulk checks (an import): the values
 * are bound as one parameter, so thousands cost one short statement.
 */
export function findByKeyValues(db: Kysely<DB>, dialect: Dialect, kind: string, values: readonly string[]) {
  return db
    .selectFrom("customerKeys as k")
    .innerJoin("customers", "customers.id", "k.customerId")
    .select(["k.kind", "k.value", "customers.id", "customers.companyName", "customers.ownerId", ownerName])
    .where("k.kind", "=", kind)
    .where(textIn(dialect, "k.value", values))
    .where(committed)
    .execute();
}

/** Every duplicate key of the given customers, with the customer they belong to. */
export function findKeysOf(db: Kysely<DB>, customerIds: readonly string[]) {
  return db
    .selectFrom("customerKeys as k")
    .innerJoin("customers", "customers.id", "k.customerId")
    .select(["k.kind", "k.value", "customers.id", "customers.companyName", ownerName])
    .where("k.customerId", "in", customerIds)
    .where(committed)
    .execute();
}

export interface ListFilter extends Omit<CustomerListQuery, "sort"> {
  sort: ListOrder;
  today: string;
  /** A planned search: its kind, and the one value it binds (see Dialect.customerSearchValue). */
  search: { kind: CustomerSearchPlan["kind"]; value: string } | null;
}

type CustomerSelect = SelectQueryBuilder<DB, "customers", object>;

/** Applies every filter of the list (and the pool/scope choice); shared by the page and its count. */
export function filtered(
  db: Kysely<DB>,
  dialect: Dialect,
  user: ScopeSubject,
  filter: ListFilter,
): CustomerSelect {
  let query = db.selectFrom("customers") as CustomerSelect;
  if (filter.pool === "true") query = query.where("customers.ownerId", "is", null).where(committed);
  else query = query.where("customers.ownerId", "is not", null).where(visibleTo(user));
  if (filter.search) {
    if (dialect.customerSearchJoined)
      query = query.innerJoin(
        "customerSearchIds as customerSearch",
        "customerSearch.customerId",
        "customers.id",
      ) as unknown as CustomerSelect;
    query = query.where(dialect.customerSearchCondition(filter.search.kind, filter.search.value));
  }
  const list = <K extends keyof CustomersTable>(column: K, values: readonly string[] | undefined) => {
    if (values && values.length > 0)
      query = query.where(sql.ref(`customers.${String(column)}`), "in", values);
  };
  // "none" stands for not graded; it travels in the shape, never among the bound values.
  const grades = (filter.grade ?? []).filter((g) => g !== "none");
  const ungraded = filter.grade?.includes("none") ?? false;
  if (ungraded && grades.length > 0)
    query = query.where((eb) =>
      eb.or([eb("customers.grade", "in", grades), eb("customers.grade", "is", null)]),
    );
  else if (ungraded) query = query.where("customers.grade", "is", null);
  else list("grade", grades);
  list("dealStatus", filter.dealStatus);
  list("importance", filter.importance);
  list("urgency", filter.urgency);
  list("demand", filter.demand);
  list("country", filter.country);
  list("source", filter.source);
  list("ownerId", filter.ownerId);
  if (filter.teamId) {
    const teamId = filter.teamId;
    query = query.where("customers.ownerId", "in", (eb) =>
      eb.selectFrom("users").select("users.id").where("users.teamId", "=", teamId),
    );
  }
  if (filter.tag && filter.tag.length > 0) {
    const tags = filter.tag;
    query = query.where("customers.id", "in", (eb) =>
      eb.selectFrom("customerTags").select("customerTags.customerId").where("customerTags.tag", "in", tags),
    );
  }
  if (filter.keyAccount)
    query = query.where("customers.keyAccount", "=", filter.keyAccount === "true" ? 1 : 0);
  if (filter.overdue) query = query.where("customers.nextActionDate", "<", filter.today);
  if (filter.createdFrom) query = query.where("customers.createdAt", ">=", filter.createdFrom);
  if (filter.createdTo) query = query.where("customers.createdAt", "<", filter.createdTo);
  if (filter.updatedFrom) query = query.where("customers.updatedAt", ">=", filter.updatedFrom);
  if (filter.updatedTo) query = query.where("customers.updatedAt", "<", filter.updatedTo);
  return query;
}

const SORT_COLUMNS = {
  updatedAt: sql.ref("customers.updated_at"),
  createdAt: sql.ref("customers.created_at"),
  companyName: sql.ref("customers.company_name"),
  // Customers without a next action sort last, after every real date.
  nextActionDate: sql`coalesce(customers.next_action_date, '9999-12-31')`,
  // The pool's "newest in the pool first"; customers never pooled sort as the oldest.
  pooledAt: sql`coalesce(customers.pooled_at, '')`,
} as const;

export type SortKey = keyof typeof SORT_COLUMNS | "searchOrder";

function sortColumn(key: SortKey, dialect: Dialect) {
  return key === "searchOrder" ? dialect.customerSearchOrder : SORT_COLUMNS[key];
}

/** A page's row carries the value it was sorted by (`orderValue`), which the next page's cursor holds. */
export function sortValue(row: { orderValue: string | number | null }): string {
  return String(row.orderValue);
}

/** The page query, unexecuted: the benchmark compiles it to run the very same SQL bare. */
export function listPageQuery(
  db: Kysely<DB>,
  dialect: Dialect,
  user: ScopeSubject,
  filter: ListFilter,
  after: CursorValue[] | null,
  /** Rows to fetch: one more than a page, to know whether another page follows. */
  fetch: number = filter.limit + 1,
) {
  const descending = filter.sort.startsWith("-");
  const key = filter.sort.replace(/^-/, "") as SortKey;
  const column = sortColumn(key, dialect);
  let query = filtered(db, dialect, user, filter);
  if (after) {
    const [value, id] = after;
    query = descending
      ? query.where(sql<boolean>`(${column}, customers.id) < (${value}, ${id})`)
      : query.where(sql<boolean>`(${column}, customers.id) > (${value}, ${id})`);
  }
  const direction = descending ? sql`desc` : sql`asc`;
  return query
    .selectAll("customers")
    .select(ownerName)
    .select(sql<string | number>`${column}`.as("orderValue"))
    .orderBy(sql`${column} ${direction}`)
    .orderBy(sql`customers.id ${direction}`)
    .limit(fetch);
}

/** What decides the structure of a list query, as opposed to the values it binds. */
interface ListShape {
  engine: Dialect["kind"];
  dataScope: DataScope;
  sort: ListFilter["sort"];
  pool: boolean;
  search: CustomerSearchPlan["kind"] | null;
  keyAccount: ListFilter["keyAccount"] | null;
  overdue: boolean;
  cursor: boolean;
  present: string;
  /** Whether "not graded" is among the grades asked for. */
  ungraded: boolean;
}

const OPTIONAL_VALUES = ["teamId", "createdFrom", "createdTo", "updatedFrom", "updatedTo"] as const;
const LIST_VALUES = [
  "grade",
  "dealStatus",
  "importance",
  "urgency",
  "demand",
  "country",
  "source",
  "ownerId",
  "tag",
] as const;

/**
 * The list, compiled once per shape: lists are the most frequent request of all, and building
 * the query costs more than running it. Values are bound in a fixed order.
 */
const listPageCompiled = shapedQuery(
  (
    db,
    shape: ListShape,
    userId: string,
    teamIds: string[],
    ledZoneIds: string[],
    departmentIds: string[],
    searchValue: string | null,
    today: string,
    cursorValue: string | null,
    cursorId: string | null,
    limit: number,
    ...values: (string | null | readonly string[])[]
  ) => {
    const filter: Record<string, unknown> = {
      sort: shape.sort,
      pool: shape.pool ? "true" : undefined,
      search: shape.search && searchValue !== null ? { kind: shape.search, value: searchValue } : null,
      keyAccount: shape.keyAccount ?? undefined,
      overdue: shape.overdue ? "true" : undefined,
      today,
    };
    for (const [index, name] of OPTIONAL_VALUES.entries())
      filter[name] = shape.present[index] === "1" ? values[index] : undefined;
    for (const [index, name] of LIST_VALUES.entries()) filter[name] = values[OPTIONAL_VALUES.length + index];
    if (shape.ungraded) filter.grade = [...((filter.grade as string[] | undefined) ?? []), "none"];
    const subject = { id: userId, dataScope: shape.dataScope, teamIds, ledZoneIds, departmentIds };
    return listPageQuery(
      db,
      dialectFor(shape.engine),
      subject,
      filter as unknown as ListFilter,
      shape.cursor ? [cursorValue, cursorId] : null,
      limit,
    );
  },
);

export function listPage(
  db: Kysely<DB>,
  dialect: Dialect,
  user: ScopeSubject,
  filter: ListFilter,
  after: CursorValue[] | null,
) {
  const shape: ListShape = {
    engine: dialect.kind,
    dataScope: user.dataScope,
    sort: filter.sort,
    pool: filter.pool === "true",
    search: filter.search?.kind ?? null,
    keyAccount: filter.keyAccount ?? null,
    overdue: filter.overdue !== undefined,
    cursor: after !== null,
    present: OPTIONAL_VALUES.map((name) => (filter[name] ? "1" : "0")).join(""),
    ungraded: filter.grade?.includes("none") ?? false,
  };
  return listPageCompiled(
    db,
    shape,
    user.id,
    user.teamIds,
    user.ledZoneIds,
    user.departmentIds,
    filter.search?.value ?? null,
    filter.today,
    after ? String(after[0]) : null,
    after ? String(after[1]) : null,
    filter.limit + 1,
    ...OPTIONAL_VALUES.map((name) => filter[name] ?? null),
    ...LIST_VALUES.map((name) =>
      name === "grade" ? (filter.grade ?? []).filter((g) => g !== "none") : (filter[name] ?? []),
    ),
  );
}

/** The number of matching customers, counted no further than `cap + 1`. */
export async function countCapped(
  db: Kysely<DB>,
  dialect: Dialect,
  user: ScopeSubject,
  filter: ListFilter,
  cap: number,
) {
  const inner = filtered(db, dialect, user, filter)
    .select("customers.id")
    .limit(cap + 1);
  const row = await db
    .selectFrom(inner.as("matching"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function primaryContactsQuery(db: Kysely<DB>, customerIds: string[]) {
  return db
    .selectFrom("contacts")
    .select(["customerId", "name", "emails", "phones"])
    .where("customerId", "in", customerIds)
    .where("isPrimary", "=", 1);
}

export function primaryContacts(db: Kysely<DB>, customerIds: string[]) {
  if (customerIds.length === 0) return Promise.resolve([]);
  return primaryContactsQuery(db, customerIds).execute();
}
