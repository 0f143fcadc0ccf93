/**
 * Which columns of the customer list to show. The choice is kept in this browser per user and
 * travels with saved views; the company column always stays (it is the link to the customer).
 */
import { SettingOutlined } from "@ant-design/icons";
import { Button, Checkbox, Popover, Space } from "antd";
import { useTranslation } from "react-i18next";
import { COLUMN_KEYS, COLUMN_TITLES, type ColumnKey, DEFAULT_COLUMNS } from "./CustomerTable.tsx";

const STORAGE_KEY = "tradewind.customers.columns";

function storageKey(userId: string): string {
  return `${STORAGE_KEY}.${userId}`;
}

export function isColumnKey(value: unknown): value is ColumnKey {
  return typeof value === "string" && (COLUMN_KEYS as readonly string[]).includes(value);
}

export function loadColumns(userId: string): ColumnKey[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(storageKey(userId)) ?? "null");
    if (Array.isArray(stored)) return stored.filter(isColumnKey);
  } catch {
    // Unreadable or blocked storage: fall back to the defaults.
  }
  return [...DEFAULT_COLUMNS];
}

export function storeColumns(userId: string, columns: readonly ColumnKey[]): void {
  try {
    window.localStorage.setItem(storageKey(userId), JSON.stringify(columns));
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

interface Props {
  value: readonly ColumnKey[];
  onChange: (columns: ColumnKey[]) => void;
}

export function ColumnChooser({ value, onChange }: Props) {
  const { t } = useTranslation();
  const content = (
    <Space orientation="vertical" size="small" style={{ minWidth: 180 }}>
      <Checkbox.Group<ColumnKey>
        value={[...value]}
        onChange={(checked) =>
          onChange(COLUMN_KEYS.filter((key) => key === "company" || checked.includes(key)))
        }
        style={{ display: "grid", gap: 6 }}
        options={COLUMN_KEYS.map((key) => ({
          value: key,
          label: t(COLUMN_TITLES[key]),
          disabled: key === "company",
        }))}
      />
      <Button size="small" type="link" onClick={() => onChange([...DEFAULT_COLUMNS])} style={{ padding: 0 }}>
        {t("customers.columnsReset")}
      </Button>
    </Space>
  );
  return (
    <Popover content={content} title={t("customers.columnsTitle")} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />} data-testid="column-chooser">
        {t("customers.columnsButton")}
      </Button>
    </Popover>
  );
}
