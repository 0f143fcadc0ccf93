/**
 * The areas of the app, in menu order. The side menu, the home page cards and the route guards
 * all read this one list, so a page is offered exactly to those who may open it.
 */
import type { Requirement } from "./access.ts";

/** settings: organisation and access; rules: business rules such as the public pool's. */
export type AreaGroup = "home" | "customers" | "settings" | "rules" | "account" | "audit";

export interface Area {
  key: string;
  path: string;
  group: AreaGroup;
  /** i18n keys of the menu label and of the one-line description on the home page. */
  titleKey: string;
  descriptionKey: string;
  requires: Requirement;
}

export const AREAS: readonly Area[] = [
  {
    key: "home",
    path: "/",
    group: "home",
    titleKey: "nav.home",
    descriptionKey: "home.cards.home",
    requires: [],
  },
  {
    key: "myDay",
    path: "/my-day",
    group: "customers",
    titleKey: "nav.myDay",
    descriptionKey: "home.cards.myDay",
    requires: ["customers.read"],
  },
  {
    key: "customers",
    path: "/customers",
    group: "customers",
    titleKey: "nav.customers",
    descriptionKey: "home.cards.customers",
    requires: ["customers.read"],
  },
  {
    key: "pool",
    path: "/customers/pool",
    group: "customers",
    titleKey: "nav.pool",
    descriptionKey: "home.cards.pool",
    requires: ["customers.read"],
  },
  {
    key: "import",
    path: "/customers/import",
    group: "customers",
    titleKey: "nav.import",
    descriptionKey: "home.cards.import",
    requires: ["customers.import"],
  },
  {
    key: "users",
    path: "/settings/users",
    group: "settings",
    titleKey: "nav.users",
    descriptionKey: "home.cards.users",
    requires: ["users.read", "users.manage"],
  },
  {
    key: "roles",
    path: "/settings/roles",
    group: "settings",
    titleKey: "nav.roles",
    descriptionKey: "home.cards.roles",
    requires: ["roles.manage"],
  },
  {
    key: "organisation",
    path: "/settings/organisation",
    group: "settings",
    titleKey: "nav.organisation",
    descriptionKey: "home.cards.organisation",
    requires: ["org.manage", "users.read"],
  },
  {
    key: "zones",
    path: "/settings/zones",
    group: "settings",
    titleKey: "nav.zones",
    descriptionKey: "home.cards.zones",
    requires: ["org.manage", "users.read"],
  },
  {
    key: "poolSettings",
    path: "/settings/pool",
    group: "rules",
    titleKey: "nav.poolSettings",
    descriptionKey: "home.cards.poolSettings",
    requires: ["settings.manage"],
  },
  {
    key: "password",
    path: "/settings/password",
    group: "account",
    titleKey: "nav.password",
    descriptionKey: "home.cards.password",
    requires: [],
  },
  {
    key: "sessions",
    path: "/settings/sessions",
    group: "account",
    titleKey: "nav.sessions",
    descriptionKey: "home.cards.sessions",
    requires: [],
  },
  {
    key: "tokens",
    path: "/settings/tokens",
    group: "account",
    titleKey: "nav.tokens",
    descriptionKey: "home.cards.tokens",
    requires: [],
  },
  {
    key: "audit",
    path: "/audit",
    group: "audit",
    titleKey: "nav.audit",
    descriptionKey: "home.cards.audit",
    requires: ["audit.read"],
  },
];

export function areaByKey(key: string): Area {
  const area = AREAS.find((candidate) => candidate.key === key);
  if (!area) throw new Error(`Unknown area ${key}`);
  return area;
}

/** The area a path belongs to (for the selected menu item), or undefined. */
export function areaOfPath(pathname: string): Area | undefined {
  const matches = AREAS.filter(
    (area) => area.path === pathname || (area.path !== "/" && pathname.startsWith(`${area.path}/`)),
  );
  return matches.sort((a, b) => b.path.length - a.path.length)[0];
}
