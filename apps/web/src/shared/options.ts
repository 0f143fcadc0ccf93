/**
 * Labels for the fixed vocabularies of the domain (languages, data scopes, team kinds, zone
 * functions, permissions), in the current language. The i18n test checks every value has one.
 */
import {
  DATA_SCOPES,
  type DataScope,
  LOCALES,
  type Locale,
  PERMISSIONS,
  type Permission,
  TEAM_KINDS,
  type TeamKind,
  ZONE_FUNCTIONS,
  type ZoneFunction,
} from "@tradewind/domain";
import type { TFunction } from "i18next";

const LOCALE_KEYS: Record<Locale, string> = { "zh-CN": "language.zhCN", "en-US": "language.enUS" };

export const localeLabel = (t: TFunction, locale: Locale) => t(LOCALE_KEYS[locale]);
export const dataScopeLabel = (t: TFunction, scope: DataScope) => t(`dataScope.${scope}`);
export const dataScopeHelp = (t: TFunction, scope: DataScope) => t(`dataScopeHelp.${scope}`);
export const teamKindLabel = (t: TFunction, kind: TeamKind) => t(`teamKind.${kind}`);
export const zoneFunctionLabel = (t: TFunction, fn: ZoneFunction) => t(`zoneFunction.${fn}`);
export const permissionLabel = (t: TFunction, permission: Permission) => t(`permission.${permission}`);

export const localeOptions = (t: TFunction) =>
  LOCALES.map((value) => ({ value, label: localeLabel(t, value) }));
export const dataScopeOptions = (t: TFunction) =>
  DATA_SCOPES.map((value) => ({ value, label: dataScopeLabel(t, value) }));
export const teamKindOptions = (t: TFunction) =>
  TEAM_KINDS.map((value) => ({ value, label: teamKindLabel(t, value) }));
export const zoneFunctionOptions = (t: TFunction) =>
  ZONE_FUNCTIONS.map((value) => ({ value, label: zoneFunctionLabel(t, value) }));

export interface PermissionGroup {
  key: string;
  permissions: Permission[];
}

/** Permissions grouped by area (the part before the dot), in the domain's order. */
export function permissionGroups(): PermissionGroup[] {
  const groups: PermissionGroup[] = [];
  for (const permission of PERMISSIONS) {
    const key = permission.split(".")[0] ?? permission;
    let group = groups.find((candidate) => candidate.key === key);
    if (!group) {
      group = { key, permissions: [] };
      groups.push(group);
    }
    group.permissions.push(permission);
  }
  return groups;
}

export const permissionGroupLabel = (t: TFunction, key: string) =>
  t(`permissionGroup.${key}`, { defaultValue: key });
