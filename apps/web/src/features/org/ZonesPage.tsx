/**
 * 分区管理 (R-ORG-2): work divided by function — 市场开发, 订单确认, 生产跟进, 物流配送, 售后服务 —
 * each zone with one lead (负责人) and its members. Work passes between zones in that order.
 */
import { PlusOutlined } from "@ant-design/icons";
import { ZONE_FUNCTIONS, type ZoneFunction } from "@tradewind/domain";
import {
  App,
  Button,
  Empty,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Zone } from "../../api/types.ts";
import { holds } from "../../app/access.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { errorLine } from "../../shared/errors.ts";
import { FormModal } from "../../shared/FormModal.tsx";
import { zoneFunctionLabel, zoneFunctionOptions } from "../../shared/options.ts";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { nameRules } from "../../shared/rules.ts";
import { useSaveErrorHandler } from "../../shared/useSaveErrorHandler.ts";
import { useMe } from "../auth/auth.queries.ts";
import { UserSelect } from "../users/UserSelect.tsx";
import { useUserDirectory } from "../users/users.queries.ts";
import { useZones, useZoneWrites, type ZoneInput } from "./org.queries.ts";

const MEMBERS_SHOWN = 4;

export function ZonesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const canManage = holds(me, "org.manage");
  const zones = useZones();
  const directory = useUserDirectory(holds(me, "users.read"));
  const { create, update, remove } = useZoneWrites();
  const handleSaveError = useSaveErrorHandler();
  const [editing, setEditing] = useState<{ record: Zone | null } | null>(null);
  const record = editing?.record ?? null;
  const personName = (id: string) => directory.byId.get(id)?.name ?? id;

  // Zones in the order work flows through them (R-ORG-6), then by name.
  const sorted = useMemo(
    () =>
      [...zones.items].sort(
        (a, b) =>
          ZONE_FUNCTIONS.indexOf(a.function) - ZONE_FUNCTIONS.indexOf(b.function) ||
          a.name.localeCompare(b.name),
      ),
    [zones.items],
  );

  const close = () => {
    setEditing(null);
    create.reset();
    update.reset();
  };

  const save = (values: ZoneInput, form: Parameters<typeof handleSaveError>[1]) => {
    const input = { ...values, leadUserId: values.leadUserId ?? null, memberIds: values.memberIds ?? [] };
    // The lead works in the zone too.
    if (input.leadUserId && !input.memberIds.includes(input.leadUserId))
      input.memberIds.push(input.leadUserId);
    const onError = (error: unknown) =>
      handleSaveError(error, form, () => {
        update.reset();
        void zones.refetch().then(({ data }) => {
          const fresh = data?.items.find((item) => item.id === record?.id);
          setEditing(fresh ? { record: fresh } : null);
        });
      });
    if (record)
      update.mutate({ id: record.id, version: record.version, ...input }, { onSuccess: close, onError });
    else create.mutate(input, { onSuccess: close, onError });
  };

  const columns: TableColumnsType<Zone> = [
    { title: t("zones.name"), dataIndex: "name" },
    {
      title: t("zones.function"),
      dataIndex: "function",
      render: (fn: ZoneFunction) => (
        <Tag color="blue">
          {ZONE_FUNCTIONS.indexOf(fn) + 1}. {zoneFunctionLabel(t, fn)}
        </Tag>
      ),
    },
    {
      title: t("zones.lead"),
      dataIndex: "leadUserId",
      render: (id: string | null) => (id ? personName(id) : "—"),
    },
    {
      title: t("zones.members"),
      dataIndex: "memberIds",
      render: (ids: string[]) =>
        ids.length === 0 ? (
          <Typography.Text type="secondary">{t("zones.noMembers")}</Typography.Text>
        ) : (
          <Space wrap size={[4, 4]}>
            {ids.slice(0, MEMBERS_SHOWN).map((id) => (
              <Tag key={id}>{personName(id)}</Tag>
            ))}
            {ids.length > MEMBERS_SHOWN && (
              <Tooltip title={ids.slice(MEMBERS_SHOWN).map(personName).join(t("common.listSeparator"))}>
                <Tag>{t("zones.moreMembers", { count: ids.length - MEMBERS_SHOWN })}</Tag>
              </Tooltip>
            )}
          </Space>
        ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t("common.actions"),
      key: "actions",
      width: 140,
      render: (_: unknown, zone) => (
        <Space>
          <Typography.Link onClick={() => setEditing({ record: zone })}>{t("common.edit")}</Typography.Link>
          <Popconfirm
            title={t("zones.deleteTitle", { name: zone.name })}
            description={t("zones.deleteText")}
            okText={t("common.delete")}
            okButtonProps={{ danger: true }}
            cancelText={t("common.cancel")}
            onConfirm={() =>
              remove.mutate(zone.id, {
                onSuccess: () => void message.success(t("common.deletedNamed", { name: zone.name })),
                onError: (error) => void message.error(errorLine(error, t)),
              })
            }
          >
            <Typography.Link type="danger">{t("common.delete")}</Typography.Link>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t("nav.zones")}
        description={t("zones.intro")}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ record: null })}
              data-testid="zone-create"
            >
              {t("zones.create")}
            </Button>
          )
        }
      />
      {zones.isError && <ErrorAlert error={zones.error} className="tw-form-alert" />}
      <div data-testid="zones-table">
        <Table<Zone>
          rowKey="id"
          columns={columns}
          dataSource={sorted}
          loading={zones.isFetching}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("zones.empty")} />,
          }}
        />
      </div>
      <FormModal<ZoneInput>
        open={!!editing}
        title={record ? t("zones.editTitle", { name: record.name }) : t("zones.create")}
        values={{
          name: record?.name ?? "",
          function: record?.function ?? "market_development",
          leadUserId: record?.leadUserId ?? null,
          memberIds: record?.memberIds ?? [],
        }}
        recordKey={record ? `${record.id}:${record.version}` : "new"}
        saving={create.isPending || update.isPending}
        error={create.error ?? update.error}
        onCancel={close}
        onSubmit={save}
        testId="zone-form"
      >
        <Form.Item name="name" label={t("zones.name")} rules={nameRules(t, 200)}>
          <Input placeholder={t("zones.namePlaceholder")} />
        </Form.Item>
        <Form.Item name="function" label={t("zones.function")} rules={[{ required: true }]}>
          <Select options={zoneFunctionOptions(t)} />
        </Form.Item>
        <Form.Item name="leadUserId" label={t("zones.lead")} extra={t("zones.leadHint")}>
          <UserSelect />
        </Form.Item>
        <Form.Item name="memberIds" label={t("zones.members")}>
          <UserSelect mode="multiple" placeholder={t("zones.membersPlaceholder")} />
        </Form.Item>
      </FormModal>
    </>
  );
}
