/**
 * Step 2 of 导入客户, 检查并对应字段: which sheet, which text encoding (CSV), which row holds the
 * headers (the first rows are shown as read, so a title row above the header is easy to spot),
 * and what each column is imported as. Every change asks the server for a fresh preview.
 */
import { SaveOutlined } from "@ant-design/icons";
import { type ImportField, type ImportPreview, TEXT_ENCODINGS } from "@tradewind/domain";
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Popover,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLocale } from "../../i18n/index.ts";
import { errorLine } from "../../shared/errors.ts";
import { countryOptions, matchesCountry } from "../customers/vocabulary.ts";
import {
  assignField,
  cellText,
  columnLetter,
  FIELD_GROUPS,
  isImportField,
  type SettingsChange,
  sampleValues,
  type TextEncoding,
} from "./importFlow.ts";
import { useSaveImportTemplate } from "./imports.queries.ts";
import { ENCODING_NAMES, fieldLabel } from "./importVocabulary.ts";
import type { ImportDraft } from "./useImportDraft.ts";

/** The picker's value for 不导入 (a Select cannot hold null as an option value). */
const NOT_IMPORTED = "-";
/** Columns of the header-row picker: enough to recognise a row, not the whole sheet. */
const HEADER_PICKER_COLUMNS = 12;

interface Props {
  draft: ImportDraft;
  updating: boolean;
  apply: (change: SettingsChange) => Promise<void>;
}

export function MappingStep({ draft, updating, apply }: Props) {
  const { t } = useTranslation();
  const { preview } = draft;
  const isText = preview.encoding !== null;
  const mapped = new Set(preview.settings.mapping.filter((field): field is ImportField => field !== null));

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title={t("imports.map.readingTitle")}>
        <Form layout="inline" className="tw-import-reading">
          {!isText && (
            <Form.Item label={t("imports.map.sheet")}>
              <Select<number>
                value={preview.settings.sheet}
                onChange={(sheet) => void apply({ kind: "sheet", sheet })}
                style={{ minWidth: 220 }}
                data-testid="import-sheet"
                options={preview.sheets.map((sheet, index) => ({
                  value: index,
                  label: (
                    <Space size={4}>
                      <span>{sheet.name}</span>
                      {sheet.hidden && <Tag>{t("imports.map.hiddenSheet")}</Tag>}
                      <Typography.Text type="secondary" className="tw-small">
                        {t("imports.map.sheetRows", { count: sheet.rows })}
                      </Typography.Text>
                    </Space>
                  ),
                }))}
              />
            </Form.Item>
          )}
          {isText && (
            <Form.Item label={t("imports.map.encoding")} extra={t("imports.map.encodingHint")}>
              <Select<TextEncoding>
                value={(preview.settings.encoding ?? preview.encoding) as TextEncoding}
                onChange={(encoding) => void apply({ kind: "encoding", encoding })}
                style={{ minWidth: 240 }}
                data-testid="import-encoding"
                options={TEXT_ENCODINGS.map((encoding) => ({
                  value: encoding,
                  label:
                    encoding === draft.detectedEncoding
                      ? t("imports.map.encodingDetected", { name: ENCODING_NAMES[encoding] })
                      : ENCODING_NAMES[encoding],
                }))}
              />
            </Form.Item>
          )}
        </Form>
        <HeaderRowPicker
          preview={preview}
          onPick={(headerRow) => void apply({ kind: "headerRow", headerRow })}
        />
      </Card>

      <Card size="small" title={t("imports.map.mappingTitle")} extra={<SaveTemplate preview={preview} />}>
        <Typography.Paragraph type="secondary">{t("imports.map.mappingIntro")}</Typography.Paragraph>
        {!mapped.has("companyName") && (
          <Alert type="warning" showIcon className="tw-step-alert" title={t("imports.map.needCompany")} />
        )}
        {!mapped.has("country") && !preview.settings.defaultCountry && (
          <Alert type="warning" showIcon className="tw-step-alert" title={t("imports.map.needCountry")} />
        )}
        <MappingTable preview={preview} updating={updating} apply={apply} />
        <Form layout="vertical" className="tw-import-rules">
          <Form.Item label={t("imports.map.keepAsNotes")} extra={t("imports.map.keepAsNotesHint")}>
            <Switch
              checked={preview.settings.keepUnmappedAsNotes}
              onChange={(keepUnmappedAsNotes) => void apply({ kind: "rules", keepUnmappedAsNotes })}
              data-testid="import-keep-notes"
            />
          </Form.Item>
          <Form.Item label={t("imports.map.defaultCountry")} extra={t("imports.map.defaultCountryHint")}>
            <Select
              allowClear
              showSearch={{ filterOption: matchesCountry }}
              value={preview.settings.defaultCountry ?? undefined}
              onChange={(code?: string) => void apply({ kind: "rules", defaultCountry: code ?? null })}
              placeholder={t("imports.map.defaultCountryNone")}
              options={countryOptions(currentLocale())}
              style={{ width: 280 }}
              data-testid="import-default-country"
            />
          </Form.Item>
        </Form>
      </Card>
    </Space>
  );
}

/** The first rows as read; clicking one makes it the header row. */
function HeaderRowPicker({ preview, onPick }: { preview: ImportPreview; onPick: (row: number) => void }) {
  const { t } = useTranslation();
  const headerRow = preview.settings.headerRow;
  const width = Math.min(HEADER_PICKER_COLUMNS, Math.max(1, ...preview.topRows.map((row) => row.length)));
  type Row = { index: number; cells: ImportPreview["topRows"][number] };
  const columns: TableColumnsType<Row> = [
    {
      key: "row",
      title: t("imports.map.rowNumber"),
      width: 110,
      render: (_: unknown, row) =>
        row.index === headerRow ? (
          <Tag color="blue">{t("imports.map.headerTag", { row: row.index + 1 })}</Tag>
        ) : (
          <Typography.Text type={row.index < headerRow ? "secondary" : undefined}>
            {t("imports.map.rowLabel", { row: row.index + 1 })}
          </Typography.Text>
        ),
    },
    ...Array.from({ length: width }, (_, column) => ({
      key: `c${column}`,
      title: columnLetter(column),
      ellipsis: true,
      width: 150,
      render: (_: unknown, row: Row) => cellText(row.cells[column]),
    })),
  ];
  return (
    <div className="tw-import-header-rows">
      <Typography.Paragraph>
        {headerRow > 0
          ? t("imports.map.headerRowFoundBelow", { row: headerRow + 1 })
          : t("imports.map.headerRowFound", { row: headerRow + 1 })}{" "}
        <Typography.Text type="secondary">{t("imports.map.headerRowHint")}</Typography.Text>
      </Typography.Paragraph>
      <div data-testid="import-header-row" data-header-row={headerRow}>
        <Table<Row>
          size="small"
          rowKey="index"
          pagination={false}
          columns={columns}
          dataSource={preview.topRows.map((cells, index) => ({ index, cells }))}
          scroll={{ x: "max-content" }}
          rowSelection={{
            type: "radio",
            selectedRowKeys: [headerRow],
            onChange: (keys) => {
              const picked = Number(keys[0]);
              if (Number.isInteger(picked) && picked !== headerRow) onPick(picked);
            },
            columnTitle: t("imports.map.headerColumn"),
            columnWidth: 56,
          }}
          onRow={(row) => ({
            // A click on the radio itself is handled by the selection; the rest of the row picks too.
            onClick: (event) => {
              const target = event.target as HTMLElement;
              if (!target.closest(".ant-table-selection-column") && row.index !== headerRow)
                onPick(row.index);
            },
            className: row.index < headerRow ? "tw-import-above-header" : "tw-import-clickable",
          })}
        />
      </div>
    </div>
  );
}

function MappingTable({ preview, updating, apply }: Omit<Props, "draft"> & { preview: ImportPreview }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { mapping, keepUnmappedAsNotes } = preview.settings;

  const options = [
    { value: NOT_IMPORTED, label: t("imports.map.notImported") },
    ...FIELD_GROUPS.map((group) => ({
      label: t(`imports.fieldGroup.${group.key}`),
      title: t(`imports.fieldGroup.${group.key}`),
      options: group.fields.map((field) => ({ value: field, label: fieldLabel(t, field) })),
    })),
  ];

  const choose = (column: number, value: string) => {
    const field = isImportField(value) ? value : null;
    const { mapping: next, released } = assignField(mapping, column, field);
    if (field && released !== null) {
      void message.info(
        t("imports.map.fieldMoved", {
          field: fieldLabel(t, field),
          from: `${columnLetter(released)} ${preview.headers[released] ?? ""}`.trim(),
        }),
      );
    }
    void apply({ kind: "mapping", mapping: next });
  };

  type Row = { column: number; header: string };
  const columns: TableColumnsType<Row> = [
    {
      key: "column",
      title: t("imports.map.column"),
      width: 240,
      render: (_: unknown, row) => (
        <Space size={6}>
          <Tag>{columnLetter(row.column)}</Tag>
          <Typography.Text strong>{row.header || t("imports.map.noHeader")}</Typography.Text>
        </Space>
      ),
    },
    {
      key: "sample",
      title: t("imports.map.sample"),
      ellipsis: true,
      render: (_: unknown, row) => {
        const values = sampleValues(preview, row.column);
        return values.length > 0 ? (
          <Typography.Text type="secondary">{values.join(t("common.listSeparator"))}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        );
      },
    },
    {
      key: "field",
      title: t("imports.map.importAs"),
      width: 300,
      render: (_: unknown, row) => {
        const field = mapping[row.column] ?? null;
        return (
          <Space size={6}>
            <Select<string>
              value={field ?? NOT_IMPORTED}
              onChange={(value) => choose(row.column, value)}
              options={options}
              showSearch={{ optionFilterProp: "label" }}
              style={{ width: 190 }}
              popupMatchSelectWidth={240}
              aria-label={t("imports.map.importAsFor", { header: row.header || columnLetter(row.column) })}
              data-testid={`import-mapping-${row.column}`}
              data-field={field ?? ""}
            />
            {field === null && row.header && keepUnmappedAsNotes && (
              <Tag color="gold">{t("imports.map.asNotes")}</Tag>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Table<Row>
      size="small"
      rowKey="column"
      pagination={false}
      loading={updating}
      columns={columns}
      dataSource={preview.headers.map((header, column) => ({ column, header }))}
      data-testid="import-mapping"
    />
  );
}

/** Saves the current mapping under a name; a later file with these headers gets it by itself. */
function SaveTemplate({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveImportTemplate();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");

  const submit = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    save.mutate(
      { name: trimmed, headers: preview.headers, mapping: preview.settings.mapping },
      {
        onSuccess: () => {
          setOpen(false);
          setName("");
          void message.success(t("imports.map.templateSaved", { name: trimmed }));
        },
        onError: (error) => void message.error(errorLine(error, t)),
      },
    );
  };

  const content = (
    <Space orientation="vertical" style={{ width: 300 }}>
      <Typography.Text type="secondary">{t("imports.map.templateHint")}</Typography.Text>
      <Space.Compact style={{ width: "100%" }}>
        <Input
          value={name}
          onChange={(event) => setName(event.target.value)}
          onPressEnter={submit}
          maxLength={100}
          placeholder={t("imports.map.templateNamePlaceholder")}
          data-testid="import-template-name"
        />
        <Button type="primary" onClick={submit} loading={save.isPending} disabled={!name.trim()}>
          {t("common.save")}
        </Button>
      </Space.Compact>
    </Space>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t("imports.map.templateTitle")}
      content={content}
    >
      <Button size="small" icon={<SaveOutlined />} data-testid="import-template-save">
        {t("imports.map.templateSave")}
      </Button>
    </Popover>
  );
}
