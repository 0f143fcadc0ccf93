/**
 * The demo company: a foreign-trade department with its head, a general manager, two sales
 * teams, purchasing, order & logistics, after-sales and finance, the five zones, and one user per
 * role. Later areas add their demo records here. Runs only on an empty database.
 */
import type { BuiltinRoleKey, Locale, TeamKind, ZoneFunction } from "@tradewind/domain";
import { isoNow } from "../clock.ts";
import { insertSetting } from "../modules/settings/settings.repository.ts";
import { type DemoLogin, SYSTEM } from "../modules/setup/setup.service.ts";
import type { Services } from "../services.ts";
import { seedDemoCustomers } from "./customers.ts";

export const DEMO_PASSWORD = "tradewind-demo";

interface DemoUser {
  key: string;
  email: string;
  name: string;
  locale: Locale;
  roles: BuiltinRoleKey[];
  team: string | null;
}

const TEAMS: { key: string; name: string; kind: TeamKind; department: "trade" | "finance" }[] = [
  { key: "sales1", name: "销售一组", kind: "sales", department: "trade" },
  { key: "sales2", name: "销售二组", kind: "sales", department: "trade" },
  { key: "purchasing", name: "采购团队", kind: "purchasing", department: "trade" },
  { key: "orders", name: "订单与物流组", kind: "logistics", department: "trade" },
  { key: "afterSales", name: "售后服务团队", kind: "after_sales", department: "trade" },
  { key: "finance", name: "应收组", kind: "finance", department: "finance" },
];

export const DEMO_USERS: DemoUser[] = [
  {
    key: "admin",
    email: "admin@demo.test",
    name: "系统管理员",
    locale: "zh-CN",
    roles: ["admin"],
    team: null,
  },
  {
    key: "gm",
    email: "gm@demo.test",
    name: "王建国",
    locale: "zh-CN",
    roles: ["general_manager"],
    team: null,
  },
  {
    key: "head",
    email: "head@demo.test",
    name: "李明",
    locale: "zh-CN",
    roles: ["department_head"],
    team: null,
  },
  {
    key: "sales1",
    email: "sales1@demo.test",
    name: "张伟",
    locale: "zh-CN",
    roles: ["sales_rep", "zone_lead"],
    team: "sales1",
  },
  {
    key: "sales2",
    email: "sales2@demo.test",
    name: "陈静",
    locale: "zh-CN",
    roles: ["sales_rep"],
    team: "sales1",
  },
  {
    key: "sales3",
    email: "sales3@demo.test",
    name: "刘洋",
    locale: "en-US",
    roles: ["sales_rep"],
    team: "sales2",
  },
  {
    key: "merch",
    email: "merch@demo.test",
    name: "赵丽",
    locale: "zh-CN",
    roles: ["merchandiser"],
    team: "orders",
  },
  {
    key: "buyer",
    email: "buyer@demo.test",
    name: "孙强",
    locale: "zh-CN",
    roles: ["purchaser"],
    team: "purchasing",
  },
  {
    key: "logistics",
    email: "logistics@demo.test",
    name: "周敏",
    locale: "zh-CN",
    roles: ["order_admin"],
    team: "orders",
  },
  {
    key: "service",
    email: "service@demo.test",
    name: "吴磊",
    locale: "zh-CN",
    roles: ["after_sales"],
    team: "afterSales",
  },
  {
    key: "ar",
    email: "ar@demo.test",
    name: "郑芳",
    locale: "zh-CN",
    roles: ["ar_accountant"],
    team: "finance",
  },
];

const ZONES: { name: string; function: ZoneFunction; lead: string; members: string[] }[] = [
  {
    name: "市场开发",
    function: "market_development",
    lead: "sales1",
    members: ["sales1", "sales2", "sales3"],
  },
  {
    name: "订单确认",
    function: "order_confirmation",
    lead: "logistics",
    members: ["logistics", "sales1", "sales2", "sales3"],
  },
  { name: "生产跟进", function: "production_follow_up", lead: "merch", members: ["merch", "buyer"] },
  { name: "物流配送", function: "logistics", lead: "logistics", members: ["logistics"] },
  { name: "售后服务", function: "after_sales", lead: "service", members: ["service"] },
];

/** Seeds the demo organisation and users; returns the logins to print and show. */
export async function seedDemo(
  services: Services,
  password = DEMO_PASSWORD,
  options: { customers?: boolean } = {},
): Promise<DemoLogin[]> {
  const { db } = services.database;
  await services.roles.ensureBuiltins(SYSTEM);
  const roles = await services.roles.list();
  const roleId = (key: string) => roles.find((r) => r.key === key)!.id;

  const trade = await services.org.createDepartment(SYSTEM, { name: "外贸部", leadUserId: null });
  const finance = await services.org.createDepartment(SYSTEM, { name: "计划财务部", leadUserId: null });
  const teamIds = new Map<string, string>();
  for (const team of TEAMS) {
    const created = await services.org.createTeam(SYSTEM, {
      name: team.name,
      kind: team.kind,
      departmentId: team.department === "trade" ? trade.id : finance.id,
      leadUserId: null,
    });
    teamIds.set(team.key, created.id);
  }

  const userIds = new Map<string, string>();
  for (const user of DEMO_USERS) {
    const created = await services.users.create(SYSTEM, {
      email: user.email,
      name: user.name,
      locale: user.locale,
      password,
      teamId: user.team ? teamIds.get(user.team)! : null,
      roleIds: user.roles.map(roleId),
      zoneIds: [],
    });
    userIds.set(user.key, created.id);
  }
  const id = (key: string) => userIds.get(key)!;

  await services.org.updateDepartment(SYSTEM, trade.id, {
    name: trade.name,
    leadUserId: id("head"),
    version: trade.version,
  });
  await services.org.updateDepartment(SYSTEM, finance.id, {
    name: finance.name,
    leadUserId: id("ar"),
    version: finance.version,
  });
  const leads: Record<string, string> = {
    sales1: "sales1",
    sales2: "sales3",
    purchasing: "buyer",
    orders: "logistics",
    afterSales: "service",
    finance: "ar",
  };
  const teams = await services.org.listTeams();
  for (const team of TEAMS) {
    const row = teams.find((t) => t.id === teamIds.get(team.key))!;
    await services.org.updateTeam(SYSTEM, row.id, {
      name: row.name,
      kind: team.kind,
      departmentId: row.departmentId,
      leadUserId: id(leads[team.key]!),
      version: row.version,
    });
  }
  for (const zone of ZONES) {
    await services.org.createZone(SYSTEM, {
      name: zone.name,
      function: zone.function,
      leadUserId: id(zone.lead),
      memberIds: zone.members.map(id),
    });
  }

  const logins: DemoLogin[] = DEMO_USERS.map((u) => ({
    email: u.email,
    name: u.name,
    role: roles.find((r) => r.key === u.roles[0])!.nameZh,
    roleKey: u.roles[0]!,
  }));
  if (options.customers !== false) {
    await seedDemoCustomers(services, {
      sales1: id("sales1"),
      sales2: id("sales2"),
      sales3: id("sales3"),
      admin: id("admin"),
    });
  }
  await insertSetting(db, "demo.logins", { logins, password }, isoNow(services.clock));
  return logins;
}
