/**
 * The fields one audit entry changed, as a before → after table. Ids of people, roles, teams,
 * zones and departments are shown by name; enumerations by their label.
 */
import { DATA_SCOPES, isPermission, type Locale, TEAM_KINDS, ZONE_FUNCTIONS } from "@tradewind/domain";
import { Table, type TableColumnsType, Tooltip, Typography } from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../../api/types.ts";
import { currentLocale, isLocale } from "../../i18n/index.ts";
import { roleName } from "../../shared/labels.ts";
import {
  dataScopeLabel,
  localeLabel,
  permissionLabel,
  teamKindLabel,
  zoneFunctionLabel,
} from "../../shared/options.ts";
import { AUDIT_FIELDS, PASSWORD_PLACEHOLDERS } from "./auditVocabulary.ts";

/** Names for ids the reader can see; built by the page from the directories it loaded. */
export type NameOf = (id: string) => string | undefined;

interface Row {
  field: string;
  before: unknown;
  after: unknown;
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

const ENUM_LABELS: Record<string, (t: TFunction, value: string) => string | undefined> = {
  dataScope: (t, value) => (isOneOf(DATA_SCOPES, value) ? dataScopeLabel(t, value) : undefined),
  kind: (t, value) => (isOneOf(TEAM_KINDS, value) ? teamKindLabel(t, value) : undefined),
  function: (t, value) => (isOneOf(ZONE_FUNCTIONS, value) ? zoneFunctionLabel(t, value) : undefined),
  locale: (t, value) => (isLocale(value) ? localeLabel(t, value) : undefined),
  permissions: (t, value) => (isPermission(value) ? permissionLabel(t, value) : undefined),
  password: (t, value) => {
    const key = PASSWORD_PLACEHOLDERS[value];
    return key ? t(key) : undefined;
  },
};

export function fieldLabel(t: TFunction, field: string): string {
  return (AUDIT_FIELDS as readonly string[]).includes(field) ? t(`auditField.${field}`) : field;
}

function renderValue(value: unknown, field: string, t: TFunction, nameOf: NameOf): ReactNode {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (Array.isArray(value)) {
    if (value.length === 0) return <Typography.Text type="secondary">{t("audit.emptyList")}</Typography.Text>;
    return value.map((item, index) => (
      // Values in a recorded list have no identity but their position.
      // biome-ignore lint/suspicious/noArrayIndexKey: the list is a fixed snapshot
      <span key={index}>
        {index > 0 && t("common.listSeparator")}
        {renderValue(item, field, t, nameOf)}
      </span>
    ));
  }
  if (typeof value === "string") {
    const label = ENUM_LABELS[field]?.(t, value);
    if (label) return <Tooltip title={value}>{label}</Tooltip>;
    const name = nameOf(value);
    if (name) return <Tooltip title={value}>{name}</Tooltip>;
    return <span className="tw-value">{value}</span>;
  }
  if (typeof value === "number") return String(value);
  return <span className="tw-value">{JSON.stringify(value)}</span>;
}

export function AuditChanges({ entry, nameOf }: { entry: AuditEntry; nameOf: NameOf }) {
  const { t } = useTranslation();
  const rows: Row[] = Object.entries(entry.changes).map(([field, change]) => ({
    field,
    before: change.before,
    after: change.after,
  }));
  if (rows.length === 0) return <Typography.Text type="secondary">{t("audit.noChanges")}</Typography.Text>;
  const columns: TableColumnsType<Row> = [
    {
      title: t("audit.field"),
      dataIndex: "field",
      width: 180,
      render: (field: string) => fieldLabel(t, field),
    },
    {
      title: t("audit.before"),
      dataIndex: "before",
      render: (value: unknown, row) => renderValue(value, row.field, t, nameOf),
    },
    {
      title: "",
      key: "arrow",
      width: 32,
      render: () => <Typography.Text type="secondary">→</Typography.Text>,
    },
    {
      title: t("audit.after"),
      dataIndex: "after",
      render: (value: unknown, row) => renderValue(value, row.field, t, nameOf),
    },
  ];
  return (
    <Table<Row>
      className="tw-changes"
      size="small"
      rowKey="field"
      columns={columns}
      dataSource={rows}
      pagination={false}
      data-testid="audit-changes"
    />
  );
}

/** Role names by id, for the resolver, in the current language. */
export function roleNamesById(
  roles: readonly { id: string; nameZh: string; nameEn: string }[],
  locale: Locale = currentLocale(),
) {
  return new Map(roles.map((role) => [role.id, roleName(role, locale)]));
}
