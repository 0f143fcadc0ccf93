/**
 * 审计日志 (R-ORG-5): who changed what, when, with every changed field before and after.
 * Filters live in the address (?actorId=&entity=&entityId=&action=&from=&to=) so a record's
 * history can be linked to and shared.
 */
import { ClearOutlined } from "@ant-design/icons";
import {
  Button,
  DatePicker,
  Empty,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { TFunction } from "i18next";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { AuditEntry } from "../../api/types.ts";
import { holds } from "../../app/access.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { formatDateTime } from "../../shared/format.ts";
import { LoadMore } from "../../shared/LoadMore.tsx";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { useMe } from "../auth/auth.queries.ts";
import { useDepartments, useTeams, useZones } from "../org/org.queries.ts";
import { useRoles } from "../roles/roles.queries.ts";
import { UserSelect } from "../users/UserSelect.tsx";
import { useUserDirectory } from "../users/users.queries.ts";
import { AuditChanges, type NameOf, roleNamesById } from "./AuditChanges.tsx";
import { type AuditFilters, useAuditLog } from "./audit.queries.ts";
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from "./auditVocabulary.ts";

const FILTER_KEYS = ["actorId", "entity", "entityId", "action", "from", "to"] as const;

export function entityLabel(t: TFunction, entity: string): string {
  return (AUDIT_ENTITIES as readonly string[]).includes(entity) ? t(`auditEntity.${entity}`) : entity;
}

export function actionLabel(t: TFunction, action: string): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? t(`auditAction.${action}`) : action;
}

function actionColor(action: string): string {
  if (/\.(deleted|revoked|deactivated)$/.test(action)) return "red";
  if (action.endsWith(".created")) return "green";
  if (/password/.test(action)) return "orange";
  return "blue";
}

export function AuditPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = useMemo(
    () => Object.fromEntries(FILTER_KEYS.flatMap((key) => (params.get(key) ? [[key, params.get(key)]] : []))),
    [params],
  );
  const log = useAuditLog(filters);
  const directory = useUserDirectory(holds(me, "users.read"));
  const { roles } = useRoles(holds(me, "users.read"));
  const { byId: teams } = useTeams();
  const { byId: zones } = useZones();
  const { byId: departments } = useDepartments();

  const nameOf: NameOf = useMemo(() => {
    const roleNames = roleNamesById(roles);
    return (id) =>
      directory.byId.get(id)?.name ??
      roleNames.get(id) ??
      teams.get(id)?.name ??
      zones.get(id)?.name ??
      departments.get(id)?.name;
  }, [directory.byId, roles, teams, zones, departments]);

  const setFilter = useCallback(
    (changes: Partial<Record<(typeof FILTER_KEYS)[number], string | undefined>>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const entries = useMemo(() => log.data?.pages.flatMap((page) => page.items) ?? [], [log.data]);
  const range: [Dayjs, Dayjs] | null =
    filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null;
  const actionOptions = AUDIT_ACTIONS.filter(
    (action) => !filters.entity || action.startsWith(`${filters.entity}.`),
  ).map((action) => ({ value: action, label: actionLabel(t, action) }));
  const filtered = FILTER_KEYS.some((key) => filters[key]);

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t("audit.time"),
      dataIndex: "at",
      width: 190,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t("audit.actor"),
      dataIndex: "actorName",
      width: 150,
      render: (name: string | null, entry) =>
        entry.actorId ? (
          (name ?? entry.actorId)
        ) : (
          <Typography.Text type="secondary">{t("audit.system")}</Typography.Text>
        ),
    },
    {
      title: t("audit.action"),
      dataIndex: "action",
      width: 170,
      render: (action: string) => <Tag color={actionColor(action)}>{actionLabel(t, action)}</Tag>,
    },
    {
      title: t("audit.entity"),
      dataIndex: "entity",
      width: 120,
      render: (entity: string) => entityLabel(t, entity),
    },
    {
      title: t("audit.record"),
      dataIndex: "entityId",
      render: (id: string, entry) => {
        const name = nameOf(id);
        return (
          <span>
            {name && <span style={{ marginInlineEnd: 8 }}>{name}</span>}
            <Tooltip title={t("audit.historyOf")}>
              <Typography.Link
                className="tw-small"
                onClick={() => setFilter({ entity: entry.entity, entityId: id, action: undefined })}
              >
                <Typography.Text code copyable={{ text: id }}>
                  {id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id}
                </Typography.Text>
              </Typography.Link>
            </Tooltip>
          </span>
        );
      },
    },
    {
      title: t("audit.changedFields"),
      dataIndex: "changes",
      width: 110,
      align: "right",
      render: (changes: AuditEntry["changes"]) => Object.keys(changes).length,
    },
  ];

  return (
    <>
      <PageHeader title={t("nav.audit")} description={t("audit.intro")} />
      <div className="tw-toolbar">
        <UserSelect
          allowInactive
          value={filters.actorId ?? null}
          onChange={(actorId) => setFilter({ actorId: actorId ?? undefined })}
          placeholder={t("audit.filterActor")}
          style={{ width: 200 }}
          testId="audit-filter-actor"
        />
        <Select
          allowClear
          value={filters.entity}
          onChange={(entity: string | undefined) =>
            setFilter({ entity, entityId: undefined, action: undefined })
          }
          placeholder={t("audit.filterEntity")}
          style={{ width: 160 }}
          options={AUDIT_ENTITIES.map((entity) => ({ value: entity, label: entityLabel(t, entity) }))}
          data-testid="audit-filter-entity"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          value={filters.action}
          onChange={(action: string | undefined) => setFilter({ action })}
          placeholder={t("audit.filterAction")}
          style={{ width: 200 }}
          options={actionOptions}
          data-testid="audit-filter-action"
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(dates) =>
            setFilter({
              from: dates?.[0]?.startOf("day").toISOString(),
              to: dates?.[1]?.endOf("day").toISOString(),
            })
          }
          data-testid="audit-filter-dates"
        />
        {filters.entityId && (
          <Input
            value={filters.entityId}
            readOnly
            prefix={t("audit.recordPrefix")}
            style={{ width: 260 }}
            allowClear
            onChange={(event) => !event.target.value && setFilter({ entityId: undefined })}
          />
        )}
        {filtered && (
          <Button
            icon={<ClearOutlined />}
            onClick={() => setParams(new URLSearchParams(), { replace: true })}
          >
            {t("audit.clearFilters")}
          </Button>
        )}
      </div>
      {log.isError && <ErrorAlert error={log.error} className="tw-form-alert" />}
      <div data-testid="audit-table">
        <Table<AuditEntry>
          rowKey="id"
          columns={columns}
          dataSource={entries}
          loading={log.isFetching && !log.isFetchingNextPage}
          pagination={false}
          scroll={{ x: 960 }}
          expandable={{
            expandedRowRender: (entry) => <AuditChanges entry={entry} nameOf={nameOf} />,
            rowExpandable: (entry) => Object.keys(entry.changes).length > 0,
          }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t("audit.emptyFiltered") : t("audit.empty")}
              />
            ),
          }}
        />
      </div>
      <LoadMore
        shown={entries.length}
        hasMore={!!log.hasNextPage}
        loading={log.isFetchingNextPage}
        onLoadMore={() => void log.fetchNextPage()}
      />
    </>
  );
}
