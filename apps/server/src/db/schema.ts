/**
 * The database as Kysely sees it. Columns are snake_case in SQL and camelCase here
 * (Kysely's CamelCasePlugin translates). Conventions, shared by both engines:
 * ids are UUIDv7 text, timestamps ISO-8601 UTC text, flags 0/1 integers, JSON as text.
 */
export interface VersionedRow {
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface UsersTable extends VersionedRow {
  id: string;
  email: string;
  name: string;
  locale: string;
  active: number;
  passwordHash: string | null;
  passwordChangedAt: string | null;
  teamId: string | null;
}

export interface RolesTable extends VersionedRow {
  id: string;
  key: string;
  nameZh: string;
  nameEn: string;
  dataScope: string;
  /** JSON array of permission keys. */
  permissions: string;
  builtin: number;
}

export interface UserRolesTable {
  userId: string;
  roleId: string;
}

export interface DepartmentsTable extends VersionedRow {
  id: string;
  name: string;
  leadUserId: string | null;
}

export interface TeamsTable extends VersionedRow {
  id: string;
  name: string;
  departmentId: string;
  kind: string;
  leadUserId: string | null;
}

export interface ZonesTable extends VersionedRow {
  id: string;
  name: string;
  function: string;
  leadUserId: string | null;
}

export interface ZoneMembersTable {
  zoneId: string;
  userId: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's secret; the secret itself is never stored. */
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface ApiTokensTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  /** JSON object: field -> { before, after }. */
  changes: string;
  requestId: string | null;
}

export interface JobsTable {
  id: string;
  name: string;
  payload: string;
  status: "queued" | "running" | "done" | "failed";
  runAt: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  lockedBy: string | null;
  lockedAt: string | null;
  dedupeKey: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface SettingsTable {
  key: string;
  /** JSON value. */
  value: string;
  updatedAt: string;
  version: number;
}

export interface LoginFailuresTable {
  id: string;
  email: string;
  ip: string;
  at: string;
}

export interface CustomersTable extends VersionedRow {
  id: string;
  companyName: string;
  localName: string | null;
  country: string;
  address: string | null;
  website: string | null;
  industry: string | null;
  source: string;
  sourceDetail: string | null;
  /** JSON array of tags; customer_tags indexes them. */
  tags: string;
  creditLimitMinor: number | null;
  creditCurrency: string | null;
  creditStatus: string;
  notes: string | null;
  /** Null while the customer is in the public pool (公海). */
  ownerId: string | null;
  keyAccount: number;
  keyAccountOwnerId: string | null;
  timeZone: string | null;
  dealStatus: string;
  importance: string | null;
  urgency: string | null;
  demand: string;
  grade: string | null;
  suggestedGrade: string | null;
  gradeOverridden: number;
  expectedCloseDate: string | null;
  nextActionDate: string | null;
  nextAction: string | null;
  lastFollowUpAt: string | null;
  /** The later of the last follow-up and the moment the current owner got the customer: the pool clock. */
  lastTouchedAt: string;
  pooledAt: string | null;
  poolWarnedAt: string | null;
  searchText: string;
  searchTokens: string;
  createdBy: string | null;
  /** The import that wrote this customer; it stays invisible until that import commits. */
  importId: string | null;
}

export interface ContactsTable {
  id: string;
  customerId: string;
  name: string;
  title: string | null;
  /** JSON arrays. */
  emails: string;
  phones: string;
  whatsapp: string | null;
  wechat: string | null;
  skype: string | null;
  linkedin: string | null;
  isPrimary: number;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerKeysTable {
  kind: string;
  value: string;
  customerId: string;
}

/** SQLite only: a fixed integer per customer, the row id of its entries in the full-text indexes. */
export interface CustomerSearchIdsTable {
  seq: number;
  customerId: string;
}

export interface CustomerTagsTable {
  tag: string;
  customerId: string;
}

export interface FollowUpsTable {
  id: string;
  customerId: string;
  date: string;
  channel: string;
  summary: string;
  contactId: string | null;
  nextAction: string | null;
  nextActionDate: string | null;
  authorId: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TimelineEventsTable {
  id: string;
  customerId: string;
  at: string;
  kind: string;
  actorId: string | null;
  /** JSON object. */
  details: string;
  followUpId: string | null;
}

export interface CustomerClaimsTable {
  id: string;
  userId: string;
  customerId: string;
  at: string;
}

export interface SavedViewsTable {
  id: string;
  userId: string;
  area: string;
  name: string;
  /** JSON: filters, sort, columns. */
  state: string;
  createdAt: string;
  updatedAt: string;
}

export interface NotificationsTable {
  id: string;
  userId: string;
  kind: string;
  /** JSON object of message parameters. */
  params: string;
  link: string | null;
  dedupeKey: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface ImportsTable extends VersionedRow {
  id: string;
  createdBy: string;
  fileName: string;
  fileSize: number;
  format: string;
  /** JSON: sheet, header row, mapping, encoding, duplicate handling, notes option. */
  settings: string;
  status: "uploaded" | "queued" | "running" | "done" | "failed" | "cancelled" | "undone";
  rowsTotal: number;
  rowsDone: number;
  createdCount: number;
  updatedCount: number;
  skippedCount: number;
  rejectedCount: number;
  error: string | null;
  cancelRequested: number;
  startedAt: string | null;
  finishedAt: string | null;
  committedAt: string | null;
}

export interface ImportFilesTable {
  importId: string;
  bytes: Uint8Array;
}

export interface ImportRejectionsTable {
  importId: string;
  rowNumber: number;
  /** JSON array of the row's cells as read. */
  cells: string;
  reason: string;
}

export interface ImportTemplatesTable {
  id: string;
  name: string;
  /** JSON: normalized header -> field. */
  mapping: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface ExportsTable {
  id: string;
  createdBy: string;
  /** JSON: filters, sort, columns, contacts layout, language. */
  request: string;
  status: "queued" | "running" | "done" | "failed";
  rowsTotal: number;
  rowsDone: number;
  fileName: string | null;
  bytes: Uint8Array | null;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
}

export interface DB {
  users: UsersTable;
  roles: RolesTable;
  userRoles: UserRolesTable;
  departments: DepartmentsTable;
  teams: TeamsTable;
  zones: ZonesTable;
  zoneMembers: ZoneMembersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  auditLog: AuditLogTable;
  jobs: JobsTable;
  settings: SettingsTable;
  loginFailures: LoginFailuresTable;
  customers: CustomersTable;
  contacts: ContactsTable;
  customerKeys: CustomerKeysTable;
  customerTags: CustomerTagsTable;
  customerSearchIds: CustomerSearchIdsTable;
  followUps: FollowUpsTable;
  timelineEvents: TimelineEventsTable;
  customerClaims: CustomerClaimsTable;
  savedViews: SavedViewsTable;
  notifications: NotificationsTable;
  imports: ImportsTable;
  importFiles: ImportFilesTable;
  importRejections: ImportRejectionsTable;
  importTemplates: ImportTemplatesTable;
  exports: ExportsTable;
}
