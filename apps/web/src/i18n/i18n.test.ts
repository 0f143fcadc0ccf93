/**
 * Guards the translations: zh-CN and en-US have exactly the same keys and no empty texts; every
 * key the source uses exists; every value of the domain's vocabularies has a label; and no
 * Chinese text is hard-coded in components.
 */
import {
  CREDIT_STATUSES,
  CUSTOMER_SOURCES,
  DATA_SCOPES,
  DEAL_STATUSES,
  DEMANDS,
  DUPLICATE_MODES,
  ERROR_CODES,
  FOLLOW_UP_CHANNELS,
  GRADES,
  IMPORT_FIELDS,
  IMPORT_STATUSES,
  IMPORTANCE_CLASSES,
  PERMISSIONS,
  TEAM_KINDS,
  TIMELINE_KINDS,
  URGENCIES,
  ZONE_FUNCTIONS,
} from "@tradewind/domain";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_ENTITIES, AUDIT_FIELDS } from "../features/audit/auditVocabulary.ts";
import { MATCH_REASONS } from "../features/customers/vocabulary.ts";
import { FIELD_GROUPS } from "../features/imports/importFlow.ts";
import enUS from "./en-US.json";
import zhCN from "./zh-CN.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

const zh = flatten(zhCN as Tree);
const en = flatten(enUS as Tree);
const namespaces = new Set(Object.keys(zhCN));

const sources = import.meta.glob<string>(["../**/*.ts", "../**/*.tsx", "!../**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
});

function withoutComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "")
    .replace(/\s\/\/\s.*$/gm, "");
}

/** Keys written out in the source: t("a.b"), and key-like literals such as titleKey: "nav.home". */
function usedKeys(): Map<string, string> {
  const found = new Map<string, string>();
  const notKeys = new Set<string>([...PERMISSIONS, ...AUDIT_ACTIONS]);
  for (const [file, source] of Object.entries(sources)) {
    const code = withoutComments(source);
    for (const match of code.matchAll(/\bt\(\s*["'`]([^"'`$]+)["'`]/g)) found.set(match[1] ?? "", file);
    for (const match of code.matchAll(/["'`]([a-z][A-Za-z]*(?:\.[A-Za-z0-9_]+)+)["'`]/g)) {
      const literal = match[1] ?? "";
      const namespace = literal.split(".")[0] ?? "";
      if (namespaces.has(namespace) && !notKeys.has(literal) && !/\.(ts|tsx|json|css|svg)$/.test(literal)) {
        found.set(literal, file);
      }
    }
  }
  return found;
}

describe("translations", () => {
  it("has the same keys in zh-CN and en-US", () => {
    expect([...en.keys()].filter((key) => !zh.has(key))).toEqual([]);
    expect([...zh.keys()].filter((key) => !en.has(key))).toEqual([]);
  });

  it("has no empty texts", () => {
    const empty = [...zh, ...en].filter(([, text]) => text.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it("uses the same {{placeholders}} in both languages", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const different = [...zh].filter(([key, text]) => {
      const other = en.get(key);
      return other !== undefined && placeholders(text).join() !== placeholders(other).join();
    });
    expect(different.map(([key]) => key)).toEqual([]);
  });

  it("has every key the source code uses", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    const missing = [...usedKeys()].filter(([key]) => !zh.has(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it("labels every permission, permission area, data scope, team kind, zone function and error code", () => {
    const needed = [
      ...PERMISSIONS.map((p) => `permission.${p}`),
      ...new Set(PERMISSIONS.map((p) => `permissionGroup.${p.split(".")[0]}`)),
      ...DATA_SCOPES.flatMap((s) => [`dataScope.${s}`, `dataScopeHelp.${s}`]),
      ...TEAM_KINDS.map((k) => `teamKind.${k}`),
      ...ZONE_FUNCTIONS.map((f) => `zoneFunction.${f}`),
      ...[...ERROR_CODES, "network_error", "unknown"].map((c) => `errors.${c}`),
      ...AUDIT_ENTITIES.map((e) => `auditEntity.${e}`),
      ...AUDIT_ACTIONS.map((a) => `auditAction.${a}`),
      ...AUDIT_FIELDS.map((f) => `auditField.${f}`),
    ];
    expect(needed.filter((key) => !zh.has(key))).toEqual([]);
  });

  it("labels every value of the customer vocabularies, board column and notification kind", () => {
    const needed = [
      ...[...GRADES, "none"].flatMap((g) => [`grade.${g}`, `board.hint.${g}`]),
      ...DEAL_STATUSES.map((v) => `dealStatus.${v}`),
      ...[...IMPORTANCE_CLASSES, "none"].map((v) => `importance.${v}`),
      ...[...URGENCIES, "none"].map((v) => `urgency.${v}`),
      ...DEMANDS.map((v) => `demand.${v}`),
      ...CUSTOMER_SOURCES.map((v) => `source.${v}`),
      ...CREDIT_STATUSES.map((v) => `creditStatus.${v}`),
      ...FOLLOW_UP_CHANNELS.map((v) => `channel.${v}`),
      ...MATCH_REASONS.map((v) => `matchedOn.${v}`),
      // The timeline has a sentence for every kind the server records today.
      ...TIMELINE_KINDS.filter((k) => k !== "follow_up").map((k) =>
        k === "grade_override"
          ? "timeline.gradeOverride"
          : k === "owner_changed"
            ? "timeline.ownerChanged"
            : `timeline.${k}`,
      ),
      "notifications.kind.customer.pool_warning",
      "notifications.kind.customer.returned_to_pool",
    ];
    expect(needed.filter((key) => !zh.has(key))).toEqual([]);
  });

  it("labels every import field, field group, import status, duplicates mode and count", () => {
    const needed = [
      ...IMPORT_FIELDS.map((f) => `importField.${f}`),
      ...FIELD_GROUPS.map((g) => `imports.fieldGroup.${g.key}`),
      ...IMPORT_STATUSES.map((s) => `importStatus.${s}`),
      ...DUPLICATE_MODES.flatMap((m) => [`imports.duplicates.${m}`, `imports.duplicates.${m}Hint`]),
      ...["create", "update", "skip", "reject"].flatMap((c) => [
        `imports.counts.${c}`,
        `imports.doneCounts.${c}`,
      ]),
      ...["create", "update", "skip"].map((a) => `imports.preview.actions.${a}`),
      ...["created", "updated", "skipped", "rejected"].map((c) => `imports.history.${c}`),
    ];
    expect(needed.filter((key) => !zh.has(key))).toEqual([]);
  });

  it("keeps Chinese text out of components (it belongs in zh-CN.json)", () => {
    const offenders = Object.entries(sources)
      .filter(([file]) => file.endsWith(".tsx"))
      .filter(([, source]) => /[\u4e00-\u9fff]/.test(withoutComments(source)))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});
