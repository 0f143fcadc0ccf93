/**
 * Step 3 of 导入客户, 预览: how many customers will be created, updated, skipped and rejected; the
 * problem rows with their reasons (in the user's language); the rows that match a customer
 * already in Tradewind (or an earlier row of the file), next to the choice of what to do with
 * them; and the first rows exactly as they will be saved.
 */
import {
  DUPLICATE_MODES,
  type DuplicateMode,
  describeImportReason,
  type ImportPreview,
} from "@tradewind/domain";
import {
  Alert,
  Card,
  Col,
  Radio,
  Row,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { holds } from "../../app/access.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatDate } from "../../shared/format.ts";
import { useMe } from "../auth/auth.queries.ts";
import { GradeTag } from "../customers/CustomerBadges.tsx";
import { countryLabel, isGrade } from "../customers/vocabulary.ts";
import { cellText, type SettingsChange } from "./importFlow.ts";

type Counts = ImportPreview["counts"];
type Action = ImportPreview["sample"][number]["action"];

const COUNT_KINDS: readonly { kind: keyof Counts; color?: string }[] = [
  { kind: "create", color: "#389e0d" },
  { kind: "update", color: "#1677ff" },
  { kind: "skip" },
  { kind: "reject", color: "#cf1322" },
];

function isDuplicateMode(value: unknown): value is DuplicateMode {
  return typeof value === "string" && (DUPLICATE_MODES as readonly string[]).includes(value);
}

const ACTION_COLORS: Record<Action, string> = { create: "green", update: "blue", skip: "default" };

/** How many rows the server lists at most (problems, duplicates); the counts are always complete. */
const LIST_LIMIT = 200;

/** The four counts: what an import will do (preview) or what it did (`done`, the result). */
export function ImportCounts({
  counts,
  testId,
  done = false,
}: {
  counts: Counts;
  testId?: string;
  done?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]} data-testid={testId}>
      {COUNT_KINDS.map(({ kind, color }) => (
        <Col key={kind} xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t(done ? `imports.doneCounts.${kind}` : `imports.counts.${kind}`)}
              value={counts[kind]}
              styles={{ content: color && counts[kind] > 0 ? { color } : undefined }}
              data-testid={testId ? `${testId}-${kind}` : undefined}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

interface Props {
  preview: ImportPreview;
  updating: boolean;
  apply: (change: SettingsChange) => Promise<void>;
}

export function PreviewStep({ preview, updating, apply }: Props) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Text type="secondary">{t("imports.preview.intro")}</Typography.Text>
      <ImportCounts counts={preview.counts} testId="import-counts" />
      <Problems preview={preview} updating={updating} />
      <Duplicates preview={preview} updating={updating} apply={apply} />
      <Sample preview={preview} updating={updating} />
    </Space>
  );
}

function Problems({ preview, updating }: Omit<Props, "apply">) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { problems, counts } = preview;
  type Problem = ImportPreview["problems"][number];
  const columns: TableColumnsType<Problem> = [
    {
      key: "row",
      title: t("imports.preview.row"),
      width: 90,
      render: (_: unknown, problem) => t("imports.map.rowLabel", { row: problem.row }),
    },
    {
      key: "reasons",
      title: t("imports.preview.reasons"),
      render: (_: unknown, problem) => (
        <ul className="tw-import-reasons">
          {problem.reasons.map((reason) => (
            <li key={reason}>{describeImportReason(reason, locale)}</li>
          ))}
        </ul>
      ),
    },
    {
      key: "cells",
      title: t("imports.preview.cells"),
      width: 320,
      ellipsis: true,
      render: (_: unknown, problem) => (
        <Typography.Text type="secondary">
          {problem.cells.map(cellText).filter(Boolean).join(" | ")}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={t("imports.preview.problemsTitle", { count: counts.reject })}
      data-testid="import-problems"
      data-count={counts.reject}
    >
      {counts.reject === 0 ? (
        <Alert type="success" showIcon title={t("imports.preview.noProblems")} />
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            className="tw-step-alert"
            title={t("imports.preview.problemsIntro", { count: counts.reject })}
            description={t("imports.preview.problemsHint")}
          />
          <Table<Problem>
            size="small"
            rowKey="row"
            loading={updating}
            columns={columns}
            dataSource={problems}
            pagination={problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            footer={
              counts.reject > problems.length
                ? () => t("imports.preview.listCapped", { shown: problems.length, max: LIST_LIMIT })
                : undefined
            }
          />
        </>
      )}
    </Card>
  );
}

function Duplicates({ preview, updating, apply }: Props) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const canCreateDuplicates = holds(me, "customers.createDuplicate");
  const mode = preview.settings.duplicates;
  type Duplicate = ImportPreview["duplicates"][number];
  const columns: TableColumnsType<Duplicate> = [
    {
      key: "row",
      title: t("imports.preview.row"),
      width: 90,
      render: (_: unknown, duplicate) => t("imports.map.rowLabel", { row: duplicate.row }),
    },
    { key: "company", title: t("imports.preview.companyInFile"), dataIndex: "companyName" },
    {
      key: "existing",
      title: t("imports.preview.existing"),
      render: (_: unknown, duplicate) =>
        duplicate.existing ? (
          // A rep sees only its own customers: a colleague's customer is named, not linked.
          me?.dataScope === "own" && duplicate.existing.ownerName !== me.name ? (
            duplicate.existing.companyName
          ) : (
            <Link to={`/customers/${duplicate.existing.id}`} target="_blank">
              {duplicate.existing.companyName}
            </Link>
          )
        ) : (
          <Typography.Text type="secondary">
            {t("imports.preview.sameAsRow", { row: duplicate.sameAsRow ?? "" })}
          </Typography.Text>
        ),
    },
    {
      key: "owner",
      title: t("imports.preview.existingOwner"),
      width: 140,
      render: (_: unknown, duplicate) =>
        duplicate.existing ? (duplicate.existing.ownerName ?? t("imports.preview.noOwner")) : "—",
    },
  ];
  return (
    <Card
      size="small"
      title={t("imports.preview.duplicatesTitle", { count: preview.duplicates.length })}
      data-testid="import-duplicate-rows"
      data-count={preview.duplicates.length}
    >
      <Typography.Paragraph type="secondary">{t("imports.preview.duplicatesIntro")}</Typography.Paragraph>
      <Radio.Group
        value={mode}
        onChange={(event) =>
          isDuplicateMode(event.target.value) && void apply({ kind: "rules", duplicates: event.target.value })
        }
        className="tw-import-modes"
        data-testid="import-duplicates"
        options={DUPLICATE_MODES.map((value) => ({
          value,
          disabled: value === "create" && !canCreateDuplicates,
          label: (
            <span data-testid={`import-duplicates-${value}`}>
              <Typography.Text strong>{t(`imports.duplicates.${value}`)}</Typography.Text>
              <Typography.Text type="secondary" className="tw-small">
                {" "}
                {value === "create" && !canCreateDuplicates
                  ? t("imports.duplicates.createNeedsLead")
                  : t(`imports.duplicates.${value}Hint`)}
              </Typography.Text>
            </span>
          ),
        }))}
      />
      {preview.duplicates.length > 0 && (
        <Table<Duplicate>
          size="small"
          rowKey="row"
          loading={updating}
          columns={columns}
          dataSource={preview.duplicates}
          pagination={preview.duplicates.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          className="tw-step-table"
        />
      )}
    </Card>
  );
}

function Sample({ preview, updating }: Omit<Props, "apply">) {
  const { t } = useTranslation();
  const locale = currentLocale();
  type SampleRow = ImportPreview["sample"][number];
  const columns: TableColumnsType<SampleRow> = [
    {
      key: "row",
      title: t("imports.preview.row"),
      width: 80,
      render: (_: unknown, row) => t("imports.map.rowLabel", { row: row.row }),
    },
    {
      key: "company",
      title: t("customerField.companyName"),
      render: (_: unknown, row) => (
        <Space orientation="vertical" size={0}>
          <span>{row.companyName}</span>
          {row.localName && (
            <Typography.Text type="secondary" className="tw-small">
              {row.localName}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: "country",
      title: t("customerField.country"),
      render: (_: unknown, row) => countryLabel(row.country, locale),
    },
    { key: "owner", title: t("customers.columns.owner"), render: (_: unknown, row) => row.ownerName ?? "—" },
    {
      key: "grade",
      title: t("customers.columns.grade"),
      render: (_: unknown, row) => (isGrade(row.grade) ? <GradeTag grade={row.grade} /> : "—"),
    },
    { key: "contact", title: t("imports.preview.contact"), render: (_: unknown, row) => row.contact ?? "—" },
    { key: "email", title: t("importField.contactEmail"), render: (_: unknown, row) => row.email ?? "—" },
    { key: "phone", title: t("importField.contactPhone"), render: (_: unknown, row) => row.phone ?? "—" },
    {
      key: "next",
      title: t("customerField.nextActionDate"),
      render: (_: unknown, row) => (row.nextActionDate ? formatDate(row.nextActionDate) : "—"),
    },
    {
      key: "action",
      title: t("imports.preview.action"),
      fixed: "right",
      render: (_: unknown, row) => (
        <Tag color={ACTION_COLORS[row.action]}>{t(`imports.preview.actions.${row.action}`)}</Tag>
      ),
    },
  ];
  return (
    <Card size="small" title={t("imports.preview.sampleTitle", { count: preview.sample.length })}>
      <Typography.Paragraph type="secondary">{t("imports.preview.sampleIntro")}</Typography.Paragraph>
      <div data-testid="import-sample">
        <Table<SampleRow>
          size="small"
          rowKey="row"
          loading={updating}
          columns={columns}
          dataSource={preview.sample}
          pagination={false}
          scroll={{ x: "max-content" }}
        />
      </div>
    </Card>
  );
}
