/**
 * 人员管理: everyone who works in Tradewind, their roles, team and zones. Administrators
 * (users.manage) create and edit users, reset passwords and deactivate leavers; deactivation
 * ends the user's sessions and API tokens at once. /settings/users/:userId opens one user.
 */
import { PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Empty,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import type { User } from "../../api/types.ts";
import { holds } from "../../app/access.ts";
import { FullPageSpin } from "../../app/guards.tsx";
import { NotFoundPage } from "../../app/StatusPages.tsx";
import { currentLocale } from "../../i18n/index.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { errorLine } from "../../shared/errors.ts";
import { LoadMore } from "../../shared/LoadMore.tsx";
import { roleName } from "../../shared/labels.ts";
import { localeLabel } from "../../shared/options.ts";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { useMe } from "../auth/auth.queries.ts";
import { useTeams, useZones } from "../org/org.queries.ts";
import { useRoles } from "../roles/roles.queries.ts";
import { ResetPasswordModal } from "./ResetPasswordModal.tsx";
import { UserFormDrawer } from "./UserFormDrawer.tsx";
import { type UserFilters, useUpdateUser, useUser, useUserList } from "./users.queries.ts";

type ActiveFilter = "all" | "active" | "inactive";

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { userId } = useParams();
  const { data: me } = useMe();
  const canManage = holds(me, "users.manage");
  const locale = currentLocale();

  const [search, setSearch] = useState("");
  const [active, setActive] = useState<ActiveFilter>("all");
  const [roleId, setRoleId] = useState<string | undefined>();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);

  const filters: UserFilters = {
    q: search.trim() || undefined,
    active: active === "all" ? undefined : active === "active",
    roleId,
    teamId,
  };
  const list = useUserList(filters);
  const opened = useUser(userId);
  const { roles, byId: rolesById } = useRoles();
  const { items: teams, byId: teamsById } = useTeams();
  const { byId: zonesById } = useZones();
  const update = useUpdateUser();

  const users = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const filtered = !!(filters.q || filters.active !== undefined || roleId || teamId);

  const setActiveState = (user: User, next: boolean) =>
    update.mutate(
      { id: user.id, version: user.version, active: next },
      {
        onSuccess: () =>
          void message.success(t(next ? "users.reactivated" : "users.deactivated", { name: user.name })),
        onError: (error) => void message.error(errorLine(error, t)),
      },
    );

  const columns: TableColumnsType<User> = [
    {
      title: t("users.name"),
      dataIndex: "name",
      render: (name: string, user) => (
        <Space orientation="vertical" size={0}>
          {canManage ? (
            <Typography.Link onClick={() => void navigate(`/settings/users/${user.id}`)}>
              {name}
            </Typography.Link>
          ) : (
            name
          )}
          <Typography.Text type="secondary" className="tw-small">
            {user.email}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t("users.roles"),
      dataIndex: "roleIds",
      render: (ids: string[]) =>
        ids.length === 0 ? (
          <Typography.Text type="secondary">{t("users.noRoles")}</Typography.Text>
        ) : (
          <Space wrap size={[4, 4]}>
            {ids.map((id) => {
              const role = rolesById.get(id);
              return (
                <Tag color="blue" key={id}>
                  {role ? roleName(role, locale) : id}
                </Tag>
              );
            })}
          </Space>
        ),
    },
    {
      title: t("users.team"),
      dataIndex: "teamId",
      render: (id: string | null) => (id ? (teamsById.get(id)?.name ?? id) : "—"),
    },
    {
      title: t("users.zones"),
      dataIndex: "zoneIds",
      render: (ids: string[]) =>
        ids.length === 0 ? (
          "—"
        ) : (
          <Space wrap size={[4, 4]}>
            {ids.map((id) => (
              <Tag key={id}>{zonesById.get(id)?.name ?? id}</Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t("users.locale"),
      dataIndex: "locale",
      width: 100,
      render: (value: User["locale"]) => localeLabel(t, value),
    },
    {
      title: t("users.status"),
      dataIndex: "active",
      width: 90,
      render: (value: boolean) =>
        value ? <Tag color="green">{t("users.active")}</Tag> : <Tag>{t("users.inactive")}</Tag>,
    },
  ];

  if (canManage) {
    columns.push({
      title: t("common.actions"),
      key: "actions",
      width: 230,
      render: (_: unknown, user) => (
        <Space size="small" wrap>
          <Typography.Link onClick={() => void navigate(`/settings/users/${user.id}`)}>
            {t("common.edit")}
          </Typography.Link>
          <Typography.Link onClick={() => setResetting(user)}>{t("users.resetPassword")}</Typography.Link>
          {user.active ? (
            <Popconfirm
              title={t("users.deactivateTitle", { name: user.name })}
              description={<div style={{ maxWidth: 280 }}>{t("users.deactivateText")}</div>}
              okText={t("users.deactivate")}
              okButtonProps={{ danger: true }}
              cancelText={t("common.cancel")}
              onConfirm={() => setActiveState(user, false)}
              disabled={user.id === me?.id}
            >
              <Typography.Link
                type="danger"
                disabled={user.id === me?.id}
                data-testid={`user-deactivate-${user.email}`}
              >
                {t("users.deactivate")}
              </Typography.Link>
            </Popconfirm>
          ) : (
            <Popconfirm
              title={t("users.reactivateTitle", { name: user.name })}
              description={<div style={{ maxWidth: 280 }}>{t("users.reactivateText")}</div>}
              okText={t("users.reactivate")}
              cancelText={t("common.cancel")}
              onConfirm={() => setActiveState(user, true)}
            >
              <Typography.Link data-testid={`user-reactivate-${user.email}`}>
                {t("users.reactivate")}
              </Typography.Link>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  // A link to a user that does not exist (or is outside the reader's reach) is a 404.
  if (userId && isApiError(opened.error, 404)) return <NotFoundPage />;
  if (userId && opened.isPending && !list.data) return <FullPageSpin />;

  const closeDrawer = () => {
    setCreating(false);
    if (userId) void navigate("/settings/users");
  };

  return (
    <>
      <PageHeader
        title={t("nav.users")}
        description={t("users.intro")}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="user-create"
            >
              {t("users.create")}
            </Button>
          )
        }
      />
      <div className="tw-toolbar">
        <Input.Search
          allowClear
          placeholder={t("users.searchPlaceholder")}
          onSearch={setSearch}
          style={{ width: 280 }}
          data-testid="users-search"
        />
        <Select<ActiveFilter>
          value={active}
          onChange={setActive}
          style={{ width: 140 }}
          data-testid="users-active-filter"
          options={[
            { value: "all", label: t("users.filterAll") },
            { value: "active", label: t("users.filterActive") },
            { value: "inactive", label: t("users.filterInactive") },
          ]}
        />
        <Select
          value={roleId}
          onChange={setRoleId}
          allowClear
          placeholder={t("users.filterRole")}
          style={{ width: 180 }}
          options={roles.map((role) => ({ value: role.id, label: roleName(role, locale) }))}
        />
        <Select
          value={teamId}
          onChange={setTeamId}
          allowClear
          placeholder={t("users.filterTeam")}
          style={{ width: 180 }}
          options={teams.map((team) => ({ value: team.id, label: team.name }))}
        />
      </div>
      {list.isError && <ErrorAlert error={list.error} className="tw-form-alert" />}
      <div data-testid="users-table">
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={users}
          loading={list.isFetching && !list.isFetchingNextPage}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t("users.emptyFiltered") : t("users.empty")}
              />
            ),
          }}
        />
      </div>
      <LoadMore
        shown={users.length}
        hasMore={!!list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
      {canManage && (
        <UserFormDrawer
          open={creating || (!!userId && !!opened.data)}
          user={creating ? undefined : opened.data}
          onClose={closeDrawer}
          onReload={() => void opened.refetch()}
        />
      )}
      {opened.isError && !isApiError(opened.error, 404) && (
        <ErrorAlert error={opened.error} className="tw-form-alert" />
      )}
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
