/**
 * 角色与权限: what each role may do and which records its holders see. Built-in roles (R-ORG-3)
 * may be adjusted but never deleted; a role still held by users cannot be deleted either.
 */
import { PlusOutlined } from "@ant-design/icons";
import { PERMISSIONS } from "@tradewind/domain";
import {
  App,
  Button,
  Empty,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "../../api/types.ts";
import { currentLocale } from "../../i18n/index.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { errorLine } from "../../shared/errors.ts";
import { roleName } from "../../shared/labels.ts";
import { dataScopeHelp, dataScopeLabel, permissionLabel } from "../../shared/options.ts";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { RoleFormDrawer } from "./RoleFormDrawer.tsx";
import { useDeleteRole, useRoles } from "./roles.queries.ts";

export function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const roles = useRoles();
  const remove = useDeleteRole();
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const editedRole = editing ? roles.byId.get(editing) : undefined;

  const deleteRole = (role: Role) =>
    remove.mutate(role.id, {
      onSuccess: () => void message.success(t("roles.deleted", { name: roleName(role, locale) })),
      onError: (error) => void message.error(errorLine(error, t)),
    });

  const columns: TableColumnsType<Role> = [
    {
      title: t("roles.name"),
      key: "name",
      render: (_: unknown, role) => (
        <Space orientation="vertical" size={0}>
          <Space size={6}>
            <Typography.Link onClick={() => setEditing(role.id)}>{roleName(role, locale)}</Typography.Link>
            {role.builtin && <Tag>{t("roles.builtin")}</Tag>}
          </Space>
          <Typography.Text type="secondary" className="tw-small">
            {role.key}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t("roles.dataScope"),
      dataIndex: "dataScope",
      width: 160,
      render: (scope: Role["dataScope"]) => (
        <Tooltip title={dataScopeHelp(t, scope)}>
          <Tag color={scope === "all" ? "gold" : scope === "own" ? "default" : "cyan"}>
            {dataScopeLabel(t, scope)}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: t("roles.permissions"),
      dataIndex: "permissions",
      render: (permissions: Role["permissions"]) =>
        permissions.length === PERMISSIONS.length ? (
          <Tag color="gold">{t("roles.allPermissions")}</Tag>
        ) : permissions.length === 0 ? (
          <Typography.Text type="secondary">{t("roles.noPermissions")}</Typography.Text>
        ) : (
          <Space wrap size={[4, 4]}>
            {permissions.slice(0, 4).map((permission) => (
              <Tag key={permission}>{permissionLabel(t, permission)}</Tag>
            ))}
            {permissions.length > 4 && (
              <Tooltip
                title={permissions
                  .slice(4)
                  .map((permission) => permissionLabel(t, permission))
                  .join(t("common.listSeparator"))}
              >
                <Tag>{t("roles.morePermissions", { count: permissions.length - 4 })}</Tag>
              </Tooltip>
            )}
          </Space>
        ),
    },
    { title: t("roles.userCount"), dataIndex: "userCount", width: 90, align: "right" },
    {
      title: t("common.actions"),
      key: "actions",
      width: 140,
      render: (_: unknown, role) => {
        const reason = role.builtin
          ? t("roles.cannotDeleteBuiltin")
          : role.userCount > 0
            ? t("roles.cannotDeleteHeld", { count: role.userCount })
            : null;
        return (
          <Space>
            <Typography.Link onClick={() => setEditing(role.id)} data-testid={`role-edit-${role.key}`}>
              {t("common.edit")}
            </Typography.Link>
            {reason ? (
              <Tooltip title={reason}>
                <Typography.Text type="secondary">{t("common.delete")}</Typography.Text>
              </Tooltip>
            ) : (
              <Popconfirm
                title={t("roles.deleteTitle", { name: roleName(role, locale) })}
                description={t("roles.deleteText")}
                okText={t("common.delete")}
                okButtonProps={{ danger: true }}
                cancelText={t("common.cancel")}
                onConfirm={() => deleteRole(role)}
              >
                <Typography.Link type="danger">{t("common.delete")}</Typography.Link>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t("nav.roles")}
        description={t("roles.intro")}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="role-create"
          >
            {t("roles.create")}
          </Button>
        }
      />
      {roles.isError && <ErrorAlert error={roles.error} className="tw-form-alert" />}
      <div data-testid="roles-table">
        <Table<Role>
          rowKey="id"
          columns={columns}
          dataSource={roles.roles}
          loading={roles.isFetching}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("roles.empty")} />,
          }}
        />
      </div>
      <RoleFormDrawer
        open={creating || !!editedRole}
        role={creating ? undefined : editedRole}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
        onReload={() => void roles.refetch()}
      />
    </>
  );
}
