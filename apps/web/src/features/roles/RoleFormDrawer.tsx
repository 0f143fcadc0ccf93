/**
 * Create or edit a role: its names in both languages, its data scope (which records its holders
 * see) and its permissions (what they may do), ticked by area.
 */
import { DATA_SCOPES, type DataScope, PERMISSIONS, type Permission } from "@tradewind/domain";
import { Alert, Button, Checkbox, Col, Drawer, Form, Input, Row, Select, Space, Typography } from "antd";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "../../api/types.ts";
import { currentLocale } from "../../i18n/index.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { isStaleVersion } from "../../shared/errors.ts";
import { roleName } from "../../shared/labels.ts";
import {
  dataScopeHelp,
  dataScopeLabel,
  permissionGroupLabel,
  permissionGroups,
  permissionLabel,
} from "../../shared/options.ts";
import { nameRules } from "../../shared/rules.ts";
import { useSaveErrorHandler } from "../../shared/useSaveErrorHandler.ts";
import { useCreateRole, useUpdateRole } from "./roles.queries.ts";

interface RoleForm {
  key: string;
  nameZh: string;
  nameEn: string;
  dataScope: DataScope;
  permissions: Permission[];
}

interface Props {
  open: boolean;
  role?: Role;
  onClose: () => void;
  onReload: () => void;
}

const KEY_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

/** The permission checkboxes of one area, with a "whole area" box that selects or clears them all. */
function PermissionGroupField({
  groupKey,
  permissions,
  value = [],
  onChange,
}: {
  groupKey: string;
  permissions: Permission[];
  value?: Permission[];
  onChange?: (value: Permission[]) => void;
}) {
  const { t } = useTranslation();
  const chosen = permissions.filter((permission) => value.includes(permission));
  const others = value.filter((permission) => !permissions.includes(permission));
  return (
    <div className="tw-perm-group" data-testid={`role-perm-group-${groupKey}`}>
      <div className="tw-perm-group-head">
        <Checkbox
          checked={chosen.length === permissions.length}
          indeterminate={chosen.length > 0 && chosen.length < permissions.length}
          onChange={(event) => onChange?.(event.target.checked ? [...others, ...permissions] : others)}
        >
          <Typography.Text strong>{permissionGroupLabel(t, groupKey)}</Typography.Text>
        </Checkbox>
        <Typography.Text type="secondary" className="tw-small">
          {t("roles.chosenCount", { chosen: chosen.length, total: permissions.length })}
        </Typography.Text>
      </div>
      <Checkbox.Group
        className="tw-perm-grid"
        value={chosen}
        onChange={(next) => onChange?.([...others, ...(next as Permission[])])}
        options={permissions.map((permission) => ({
          value: permission,
          label: <span title={permission}>{permissionLabel(t, permission)}</span>,
        }))}
      />
    </div>
  );
}

/** All permissions, one box per area; a form control (value and onChange come from Form.Item). */
function PermissionsField({
  value,
  onChange,
}: {
  value?: Permission[];
  onChange?: (value: Permission[]) => void;
}) {
  const groups = useMemo(() => permissionGroups(), []);
  return (
    <div>
      {groups.map((group) => (
        <PermissionGroupField
          key={group.key}
          groupKey={group.key}
          permissions={group.permissions}
          value={value}
          onChange={onChange}
        />
      ))}
    </div>
  );
}

export function RoleFormDrawer({ open, role, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RoleForm>();
  const create = useCreateRole();
  const update = useUpdateRole();
  const handleSaveError = useSaveErrorHandler();
  const saving = create.isPending || update.isPending;
  const failure = create.error ?? update.error;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when opened or when another version arrives
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      role
        ? {
            key: role.key,
            nameZh: role.nameZh,
            nameEn: role.nameEn,
            dataScope: role.dataScope,
            permissions: role.permissions,
          }
        : { key: "", nameZh: "", nameEn: "", dataScope: "own", permissions: [] },
    );
    create.reset();
    update.reset();
  }, [open, role?.id, role?.version]);

  const submit = (values: RoleForm) => {
    // Keep the domain's order, so the saved list reads the same as the screen.
    const permissions = PERMISSIONS.filter((permission) => values.permissions.includes(permission));
    const onError = (error: unknown) =>
      handleSaveError(error, form, () => {
        update.reset();
        onReload();
      });
    const input = { nameZh: values.nameZh, nameEn: values.nameEn, dataScope: values.dataScope, permissions };
    if (role)
      update.mutate({ id: role.id, version: role.version, ...input }, { onSuccess: onClose, onError });
    else create.mutate({ key: values.key, ...input }, { onSuccess: onClose, onError });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={role ? t("roles.editTitle", { name: roleName(role, currentLocale()) }) : t("roles.createTitle")}
      footer={
        <Space style={{ display: "flex", justifyContent: "flex-end" }}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button
            type="primary"
            loading={saving}
            onClick={() => form.submit()}
            data-testid="role-form-submit"
          >
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      {failure && !isStaleVersion(failure) && <ErrorAlert error={failure} className="tw-form-alert" />}
      {role?.key === "admin" && (
        <Alert type="warning" showIcon title={t("roles.adminWarning")} className="tw-form-alert" />
      )}
      <Form<RoleForm> form={form} layout="vertical" onFinish={submit} disabled={saving}>
        <Form.Item
          name="key"
          label={t("roles.key")}
          extra={role ? t("roles.keyFixed") : t("roles.keyHint")}
          rules={[
            { required: true, message: t("roles.keyRequired") },
            { pattern: KEY_PATTERN, message: t("roles.keyPattern") },
          ]}
        >
          <Input disabled={!!role} data-testid="role-form-key" placeholder={t("roles.keyPlaceholder")} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="nameZh" label={t("roles.nameZh")} rules={nameRules(t)}>
              <Input data-testid="role-form-name-zh" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="nameEn" label={t("roles.nameEn")} rules={nameRules(t)}>
              <Input data-testid="role-form-name-en" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="dataScope" label={t("roles.dataScope")} rules={[{ required: true }]}>
          <Select
            data-testid="role-form-scope"
            options={DATA_SCOPES.map((scope) => ({
              value: scope,
              label: (
                <span>
                  {dataScopeLabel(t, scope)}
                  <Typography.Text type="secondary"> · {dataScopeHelp(t, scope)}</Typography.Text>
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item name="permissions" label={t("roles.permissions")} extra={t("roles.permissionsHint")}>
          <PermissionsField />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
