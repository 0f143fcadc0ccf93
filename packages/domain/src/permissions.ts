/**
 * Roles, permissions and data scopes (R-ORG-3, R-ORG-4).
 *
 * A user's permissions are the union of its roles' permissions; its data scope is the widest
 * scope among its roles. Both are enforced on the server; the web app only uses them to decide
 * what to show.
 */

export const PERMISSIONS = [
  "users.read",
  "users.manage",
  "roles.manage",
  "org.manage",
  "audit.read",
  "settings.manage",
  "customers.read",
  "customers.create",
  "customers.update",
  "customers.delete",
  "customers.transfer",
  "customers.merge",
  "customers.export",
  "customers.import",
  "customers.createDuplicate",
  "customers.claim",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** Which records a user may see: its own, its team's or zone's, its department's, or all. */
export const DATA_SCOPES = ["own", "team", "department", "all"] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

const SCOPE_RANK: Record<DataScope, number> = { own: 0, team: 1, department: 2, all: 3 };

/** The widest of several scopes; a user with no role sees only its own records. */
export function widestScope(scopes: readonly DataScope[]): DataScope {
  let widest: DataScope = "own";
  for (const scope of scopes) {
    if (SCOPE_RANK[scope] > SCOPE_RANK[widest]) widest = scope;
  }
  return widest;
}

export function scopeCovers(granted: DataScope, needed: DataScope): boolean {
  return SCOPE_RANK[granted] >= SCOPE_RANK[needed];
}

/** The roles of R-ORG-3, as shipped; admins may change their permissions or add roles. */
export const BUILTIN_ROLE_KEYS = [
  "admin",
  "general_manager",
  "department_head",
  "zone_lead",
  "sales_rep",
  "merchandiser",
  "purchaser",
  "order_admin",
  "after_sales",
  "ar_accountant",
  "viewer",
] as const;

export type BuiltinRoleKey = (typeof BUILTIN_ROLE_KEYS)[number];

export interface RoleDefinition {
  key: BuiltinRoleKey;
  nameZh: string;
  nameEn: string;
  dataScope: DataScope;
  permissions: readonly Permission[];
}

const CUSTOMER_WORK: readonly Permission[] = [
  "customers.read",
  "customers.create",
  "customers.update",
  "customers.claim",
];

export const BUILTIN_ROLES: readonly RoleDefinition[] = [
  { key: "admin", nameZh: "系统管理员", nameEn: "Administrator", dataScope: "all", permissions: PERMISSIONS },
  {
    key: "general_manager",
    nameZh: "总经理",
    nameEn: "General manager",
    dataScope: "all",
    permissions: [
      "users.read",
      "audit.read",
      ...CUSTOMER_WORK,
      "customers.transfer",
      "customers.merge",
      "customers.export",
      "customers.createDuplicate",
    ],
  },
  {
    key: "department_head",
    nameZh: "外贸部部长",
    nameEn: "Department head",
    dataScope: "department",
    permissions: [
      "users.read",
      "audit.read",
      ...CUSTOMER_WORK,
      "customers.delete",
      "customers.transfer",
      "customers.merge",
      "customers.export",
      "customers.import",
      "customers.createDuplicate",
    ],
  },
  {
    key: "zone_lead",
    nameZh: "分区负责人",
    nameEn: "Zone lead",
    dataScope: "team",
    permissions: [
      "users.read",
      ...CUSTOMER_WORK,
      "customers.transfer",
      "customers.merge",
      "customers.export",
    ],
  },
  {
    key: "sales_rep",
    nameZh: "业务员",
    nameEn: "Sales rep",
    dataScope: "own",
    permissions: [...CUSTOMER_WORK, "customers.import"],
  },
  {
    key: "merchandiser",
    nameZh: "跟单员",
    nameEn: "Merchandiser",
    dataScope: "team",
    permissions: ["customers.read"],
  },
  {
    key: "purchaser",
    nameZh: "采购员",
    nameEn: "Purchaser",
    dataScope: "own",
    permissions: ["customers.read"],
  },
  {
    key: "order_admin",
    nameZh: "订单管理员",
    nameEn: "Logistics & order administrator",
    dataScope: "department",
    permissions: ["customers.read"],
  },
  {
    key: "after_sales",
    nameZh: "售后服务",
    nameEn: "After-sales",
    dataScope: "department",
    permissions: ["customers.read"],
  },
  {
    key: "ar_accountant",
    nameZh: "应收会计",
    nameEn: "AR accountant",
    dataScope: "all",
    permissions: ["customers.read"],
  },
  {
    key: "viewer",
    nameZh: "只读用户",
    nameEn: "Read-only viewer",
    dataScope: "department",
    permissions: ["customers.read"],
  },
];

export interface PermissionHolder {
  permissions: ReadonlySet<Permission> | readonly Permission[];
}

export function hasPermission(holder: PermissionHolder, permission: Permission): boolean {
  const granted = holder.permissions;
  return granted instanceof Set
    ? granted.has(permission)
    : (granted as readonly Permission[]).includes(permission);
}
