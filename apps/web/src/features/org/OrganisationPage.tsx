/**
 * 组织架构 (R-ORG-1): departments (外贸部, 计划财务部 ...) with their head, and the teams in
 * them (销售团队, 采购团队, 售后服务团队 ...) with their kind and lead. Everyone with access may
 * look; changing needs org.manage.
 */
import { PlusOutlined } from "@ant-design/icons";
import type { TeamKind } from "@tradewind/domain";
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Department, Team } from "../../api/types.ts";
import { holds } from "../../app/access.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { errorLine } from "../../shared/errors.ts";
import { FormModal } from "../../shared/FormModal.tsx";
import { teamKindLabel, teamKindOptions } from "../../shared/options.ts";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { nameRules } from "../../shared/rules.ts";
import { useSaveErrorHandler } from "../../shared/useSaveErrorHandler.ts";
import { useMe } from "../auth/auth.queries.ts";
import { UserSelect } from "../users/UserSelect.tsx";
import { useUserDirectory } from "../users/users.queries.ts";
import {
  type DepartmentInput,
  type TeamInput,
  useDepartments,
  useDepartmentWrites,
  useTeams,
  useTeamWrites,
} from "./org.queries.ts";

type Editing<T> = { record: T | null } | null;

const KIND_COLORS: Record<TeamKind, string> = {
  sales: "blue",
  purchasing: "purple",
  after_sales: "orange",
  finance: "gold",
  logistics: "cyan",
  other: "default",
};

/** A person's name from the directory; the raw id if the reader may not list users. */
function usePersonName() {
  const { data: me } = useMe();
  const directory = useUserDirectory(holds(me, "users.read"));
  return (id: string | null) => (id ? (directory.byId.get(id)?.name ?? id) : "—");
}

function DepartmentsCard({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const departments = useDepartments();
  const teams = useTeams();
  const { create, update, remove } = useDepartmentWrites();
  const handleSaveError = useSaveErrorHandler();
  const personName = usePersonName();
  const [editing, setEditing] = useState<Editing<Department>>(null);
  const record = editing?.record ?? null;

  const close = () => {
    setEditing(null);
    create.reset();
    update.reset();
  };

  const save = (values: DepartmentInput, form: Parameters<typeof handleSaveError>[1]) => {
    const input = { name: values.name, leadUserId: values.leadUserId ?? null };
    const onError = (error: unknown) =>
      handleSaveError(error, form, () => {
        update.reset();
        void departments.refetch().then(({ data }) => {
          const fresh = data?.items.find((item) => item.id === record?.id);
          setEditing(fresh ? { record: fresh } : null);
        });
      });
    if (record)
      update.mutate({ id: record.id, version: record.version, ...input }, { onSuccess: close, onError });
    else create.mutate(input, { onSuccess: close, onError });
  };

  const columns: TableColumnsType<Department> = [
    { title: t("org.departmentName"), dataIndex: "name" },
    { title: t("org.departmentHead"), dataIndex: "leadUserId", render: personName },
    {
      title: t("org.teamCount"),
      key: "teams",
      width: 100,
      align: "right",
      render: (_: unknown, department) =>
        teams.items.filter((team) => team.departmentId === department.id).length,
    },
  ];
  if (canManage) {
    columns.push({
      title: t("common.actions"),
      key: "actions",
      width: 140,
      render: (_: unknown, department) => (
        <Space>
          <Typography.Link onClick={() => setEditing({ record: department })}>
            {t("common.edit")}
          </Typography.Link>
          <Popconfirm
            title={t("org.deleteDepartmentTitle", { name: department.name })}
            description={t("org.deleteDepartmentText")}
            okText={t("common.delete")}
            okButtonProps={{ danger: true }}
            cancelText={t("common.cancel")}
            onConfirm={() =>
              remove.mutate(department.id, {
                onSuccess: () => void message.success(t("common.deletedNamed", { name: department.name })),
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
    <Card
      title={t("org.departments")}
      extra={
        canManage && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setEditing({ record: null })}
            data-testid="department-create"
          >
            {t("org.createDepartment")}
          </Button>
        )
      }
    >
      {departments.isError && <ErrorAlert error={departments.error} className="tw-form-alert" />}
      <Table<Department>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={departments.items}
        loading={departments.isFetching}
        pagination={false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("org.noDepartments")} />,
        }}
      />
      <FormModal<DepartmentInput>
        open={!!editing}
        title={record ? t("org.editDepartment", { name: record.name }) : t("org.createDepartment")}
        values={{ name: record?.name ?? "", leadUserId: record?.leadUserId ?? null }}
        recordKey={record ? `${record.id}:${record.version}` : "new"}
        saving={create.isPending || update.isPending}
        error={create.error ?? update.error}
        onCancel={close}
        onSubmit={save}
        testId="department-form"
      >
        <Form.Item name="name" label={t("org.departmentName")} rules={nameRules(t, 200)}>
          <Input placeholder={t("org.departmentNamePlaceholder")} />
        </Form.Item>
        <Form.Item name="leadUserId" label={t("org.departmentHead")} extra={t("org.departmentHeadHint")}>
          <UserSelect />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

function TeamsCard({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const departments = useDepartments();
  const teams = useTeams();
  const { create, update, remove } = useTeamWrites();
  const handleSaveError = useSaveErrorHandler();
  const personName = usePersonName();
  const [editing, setEditing] = useState<Editing<Team>>(null);
  const record = editing?.record ?? null;

  const close = () => {
    setEditing(null);
    create.reset();
    update.reset();
  };

  const save = (values: TeamInput, form: Parameters<typeof handleSaveError>[1]) => {
    const input = { ...values, leadUserId: values.leadUserId ?? null };
    const onError = (error: unknown) =>
      handleSaveError(error, form, () => {
        update.reset();
        void teams.refetch().then(({ data }) => {
          const fresh = data?.items.find((item) => item.id === record?.id);
          setEditing(fresh ? { record: fresh } : null);
        });
      });
    if (record)
      update.mutate({ id: record.id, version: record.version, ...input }, { onSuccess: close, onError });
    else create.mutate(input, { onSuccess: close, onError });
  };

  const columns: TableColumnsType<Team> = [
    { title: t("org.teamName"), dataIndex: "name" },
    {
      title: t("org.department"),
      dataIndex: "departmentId",
      render: (id: string) => departments.byId.get(id)?.name ?? id,
    },
    {
      title: t("org.teamKind"),
      dataIndex: "kind",
      render: (kind: TeamKind) => <Tag color={KIND_COLORS[kind]}>{teamKindLabel(t, kind)}</Tag>,
    },
    { title: t("org.teamLead"), dataIndex: "leadUserId", render: personName },
    { title: t("org.memberCount"), dataIndex: "memberCount", width: 90, align: "right" },
  ];
  if (canManage) {
    columns.push({
      title: t("common.actions"),
      key: "actions",
      width: 140,
      render: (_: unknown, team) => (
        <Space>
          <Typography.Link onClick={() => setEditing({ record: team })}>{t("common.edit")}</Typography.Link>
          <Popconfirm
            title={t("org.deleteTeamTitle", { name: team.name })}
            description={t("org.deleteTeamText")}
            okText={t("common.delete")}
            okButtonProps={{ danger: true }}
            cancelText={t("common.cancel")}
            onConfirm={() =>
              remove.mutate(team.id, {
                onSuccess: () => void message.success(t("common.deletedNamed", { name: team.name })),
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
    <Card
      title={t("org.teams")}
      extra={
        canManage && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setEditing({ record: null })}
            disabled={departments.items.length === 0}
            data-testid="team-create"
          >
            {t("org.createTeam")}
          </Button>
        )
      }
    >
      {teams.isError && <ErrorAlert error={teams.error} className="tw-form-alert" />}
      <Table<Team>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={teams.items}
        loading={teams.isFetching}
        pagination={false}
        scroll={{ x: 700 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("org.noTeams")} /> }}
      />
      <FormModal<TeamInput>
        open={!!editing}
        title={record ? t("org.editTeam", { name: record.name }) : t("org.createTeam")}
        values={{
          name: record?.name ?? "",
          departmentId: record?.departmentId ?? departments.items[0]?.id ?? "",
          kind: record?.kind ?? "sales",
          leadUserId: record?.leadUserId ?? null,
        }}
        recordKey={record ? `${record.id}:${record.version}` : "new"}
        saving={create.isPending || update.isPending}
        error={create.error ?? update.error}
        onCancel={close}
        onSubmit={save}
        testId="team-form"
      >
        <Form.Item name="name" label={t("org.teamName")} rules={nameRules(t, 200)}>
          <Input placeholder={t("org.teamNamePlaceholder")} />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t("org.department")}
          rules={[{ required: true, message: t("org.departmentRequired") }]}
        >
          <Select
            options={departments.items.map((department) => ({
              value: department.id,
              label: department.name,
            }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t("org.teamKind")} rules={[{ required: true }]}>
          <Select options={teamKindOptions(t)} />
        </Form.Item>
        <Form.Item name="leadUserId" label={t("org.teamLead")}>
          <UserSelect />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

export function OrganisationPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const canManage = holds(me, "org.manage");
  return (
    <>
      <PageHeader title={t("nav.organisation")} description={t("org.intro")} />
      <Space orientation="vertical" size="large" style={{ width: "100%" }}>
        <DepartmentsCard canManage={canManage} />
        <TeamsCard canManage={canManage} />
      </Space>
    </>
  );
}
