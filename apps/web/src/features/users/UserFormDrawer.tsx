/**
 * Create or edit a user: who it is, its roles (what it may do), its team and zones (分区,
 * which records it sees with a team scope), and its language.
 */
import type { Locale } from "@tradewind/domain";
import { Alert, Button, Drawer, Form, Input, Select, Space, Tag } from "antd";
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { User } from "../../api/types.ts";
import { holds } from "../../app/access.ts";
import { currentLocale } from "../../i18n/index.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { isStaleVersion } from "../../shared/errors.ts";
import { roleName } from "../../shared/labels.ts";
import { dataScopeLabel, localeOptions, zoneFunctionLabel } from "../../shared/options.ts";
import { emailRules, nameRules, newPasswordRules } from "../../shared/rules.ts";
import { useSaveErrorHandler } from "../../shared/useSaveErrorHandler.ts";
import { useMe } from "../auth/auth.queries.ts";
import { useDepartments, useTeams, useZones } from "../org/org.queries.ts";
import { useRoles } from "../roles/roles.queries.ts";
import { useCreateUser, useUpdateUser } from "./users.queries.ts";

interface UserForm {
  email: string;
  name: string;
  password?: string;
  locale: Locale;
  teamId: string | null;
  roleIds: string[];
  zoneIds: string[];
}

interface Props {
  open: boolean;
  /** The user to edit; undefined to create a new one. */
  user?: User;
  onClose: () => void;
  /** Fetch the user again (after someone else changed it). */
  onReload?: () => void;
}

function formValuesOf(user: User | undefined): UserForm {
  return user
    ? {
        email: user.email,
        name: user.name,
        locale: user.locale,
        teamId: user.teamId,
        roleIds: user.roleIds,
        zoneIds: user.zoneIds,
      }
    : { email: "", name: "", password: "", locale: currentLocale(), teamId: null, roleIds: [], zoneIds: [] };
}

export function UserFormDrawer({ open, user, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserForm>();
  const locale = currentLocale();
  const { data: me } = useMe();
  const { roles } = useRoles();
  const { items: teams } = useTeams();
  const { items: departments, byId: departmentsById } = useDepartments();
  const { items: zones } = useZones();
  const create = useCreateUser();
  const update = useUpdateUser();
  const handleSaveError = useSaveErrorHandler();
  const saving = create.isPending || update.isPending;
  const failure = create.error ?? update.error;

  // Forget an earlier save's outcome when the drawer opens or shows another user. Not when a new
  // version of the same user arrives: a save refetches the user, and resetting the mutation then
  // would drop its success callback and leave the drawer open. The fields need no reset here: the
  // form is cleared when the drawer closes and built afresh from `initialValues` on every opening,
  // and resetting them in an effect after the first paint could wipe what the user had begun to type.
  // biome-ignore lint/correctness/useExhaustiveDependencies: mutations are stable; user is keyed by id
  useEffect(() => {
    if (!open) return;
    create.reset();
    update.reset();
  }, [open, user?.id]);

  // After "reload" on a stale version, show the current values of the same user: only when a new
  // version of the user on screen arrives while the drawer stays open. On opening, the fields come
  // from initialValues; setting them again here, after the first paint, could wipe a name the
  // user had already typed (seen in CI on a busy machine: an edit saved with the old name).
  const shown = useRef<{ id: string; version: number } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: form is stable; the user is tracked by id and version
  useEffect(() => {
    const previous = shown.current;
    shown.current = open && user ? { id: user.id, version: user.version } : null;
    if (open && user && previous?.id === user.id && previous.version !== user.version)
      form.setFieldsValue(formValuesOf(user));
  }, [open, user?.id, user?.version]);

  const roleOptions = useMemo(
    () =>
      roles.map((role) => ({
        value: role.id,
        label: roleName(role, locale),
        title: `${roleName(role, locale)} · ${dataScopeLabel(t, role.dataScope)}`,
      })),
    [roles, locale, t],
  );
  const teamOptions = useMemo(
    () =>
      departments
        .map((department) => ({
          label: department.name,
          title: department.name,
          options: teams
            .filter((team) => team.departmentId === department.id)
            .map((team) => ({ value: team.id, label: team.name })),
        }))
        .concat(
          teams.some((team) => !departmentsById.has(team.departmentId))
            ? [
                {
                  label: t("users.otherTeams"),
                  title: t("users.otherTeams"),
                  options: teams
                    .filter((team) => !departmentsById.has(team.departmentId))
                    .map((team) => ({ value: team.id, label: team.name })),
                },
              ]
            : [],
        )
        .filter((group) => group.options.length > 0),
    [departments, departmentsById, teams, t],
  );
  const zoneOptions = useMemo(
    () =>
      zones.map((zone) => ({
        value: zone.id,
        label: `${zone.name} · ${zoneFunctionLabel(t, zone.function)}`,
      })),
    [zones, t],
  );

  const submit = (raw: UserForm) => {
    // A cleared select gives undefined; the API needs null to take the user out of its team.
    const values = {
      ...raw,
      teamId: raw.teamId ?? null,
      roleIds: raw.roleIds ?? [],
      zoneIds: raw.zoneIds ?? [],
    };
    const onError = (error: unknown) =>
      handleSaveError(error, form, () => {
        update.reset();
        onReload?.();
      });
    if (user) {
      const { password: _password, ...changes } = values;
      update.mutate({ id: user.id, version: user.version, ...changes }, { onSuccess: onClose, onError });
    } else {
      create.mutate({ ...values, password: values.password ?? "" }, { onSuccess: onClose, onError });
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={520}
      destroyOnHidden
      extra={
        user &&
        holds(me, "audit.read") && (
          <Link to={`/audit?entity=user&entityId=${encodeURIComponent(user.id)}`}>
            {t("users.auditHistory")}
          </Link>
        )
      }
      title={
        user ? (
          <Space>
            {t("users.editTitle", { name: user.name })}
            {!user.active && <Tag>{t("users.inactive")}</Tag>}
          </Space>
        ) : (
          t("users.createTitle")
        )
      }
      footer={
        <Space style={{ display: "flex", justifyContent: "flex-end" }}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button
            type="primary"
            loading={saving}
            onClick={() => form.submit()}
            data-testid="user-form-submit"
          >
            {user ? t("common.save") : t("users.create")}
          </Button>
        </Space>
      }
    >
      {failure && !isStaleVersion(failure) && <ErrorAlert error={failure} className="tw-form-alert" />}
      {user && !user.active && (
        <Alert type="info" showIcon title={t("users.inactiveHint")} className="tw-form-alert" />
      )}
      <Form<UserForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={saving}
        initialValues={formValuesOf(user)}
        // The form's store outlives the drawer's content: without clearing it, reopening showed
        // what the last opening left (its values win over initialValues), another user's included.
        clearOnDestroy
      >
        <Form.Item name="name" label={t("users.name")} rules={nameRules(t, 100, true)}>
          <Input data-testid="user-form-name" autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t("users.email")} rules={emailRules(t)}>
          <Input data-testid="user-form-email" autoComplete="off" placeholder={t("login.emailPlaceholder")} />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t("users.initialPassword")}
            rules={newPasswordRules(t)}
            extra={t("users.initialPasswordHint")}
          >
            <Input.Password data-testid="user-form-password" autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="roleIds" label={t("users.roles")} extra={t("users.rolesHint")}>
          <Select
            mode="multiple"
            data-testid="user-form-roles"
            options={roleOptions}
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("users.rolesPlaceholder")}
            allowClear
          />
        </Form.Item>
        <Form.Item name="teamId" label={t("users.team")}>
          <Select
            data-testid="user-form-team"
            options={teamOptions}
            showSearch={{ optionFilterProp: "label" }}
            allowClear
            placeholder={t("users.teamPlaceholder")}
          />
        </Form.Item>
        <Form.Item name="zoneIds" label={t("users.zones")} extra={t("users.zonesHint")}>
          <Select
            mode="multiple"
            data-testid="user-form-zones"
            options={zoneOptions}
            showSearch={{ optionFilterProp: "label" }}
            allowClear
            placeholder={t("users.zonesPlaceholder")}
          />
        </Form.Item>
        <Form.Item name="locale" label={t("users.locale")}>
          <Select data-testid="user-form-locale" options={localeOptions(t)} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
