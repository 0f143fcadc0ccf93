/**
 * The shell around every page after login: the header (product, language, notifications, user
 * menu) and the side menu listing only the areas this user may open.
 */
import {
  ContactsOutlined,
  DownOutlined,
  LogoutOutlined,
  SettingOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { Avatar, Button, Dropdown, Layout, Menu, type MenuProps, Space } from "antd";
import { Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import type { Me } from "../api/types.ts";
import { useLogout, useMe } from "../features/auth/auth.queries.ts";
import { NotificationBell } from "../features/notifications/NotificationBell.tsx";
import { LanguageSwitch } from "../shared/LanguageSwitch.tsx";
import { allows } from "./access.ts";
import { AREA_ICONS } from "./areaIcons.tsx";
import { AREAS, type AreaGroup, areaOfPath } from "./areas.ts";
import { FullPageSpin } from "./guards.tsx";

type MenuItem = Required<MenuProps>["items"][number];

function useSideMenu(me: Me | null | undefined): MenuItem[] {
  const { t } = useTranslation();
  return useMemo(() => {
    const open = AREAS.filter((area) => allows(me, area.requires));
    const itemsOf = (group: AreaGroup): MenuItem[] =>
      open
        .filter((area) => area.group === group)
        .map((area) => ({
          key: area.key,
          icon: AREA_ICONS[area.key],
          label: <Link to={area.path}>{t(area.titleKey)}</Link>,
        }));
    const customers = itemsOf("customers");
    const organisation = itemsOf("settings");
    const rules = itemsOf("rules");
    const account = itemsOf("account");
    const settings: MenuItem[] = [];
    if (organisation.length > 0) {
      settings.push({
        type: "group",
        key: "settings-org",
        label: t("nav.groupOrganisation"),
        children: organisation,
      });
    }
    if (rules.length > 0) {
      settings.push({ type: "group", key: "settings-rules", label: t("nav.groupRules"), children: rules });
    }
    settings.push({
      type: "group",
      key: "settings-account",
      label: t("nav.groupAccount"),
      children: account,
    });
    return [
      ...itemsOf("home"),
      ...(customers.length > 0
        ? [
            {
              key: "customers-group",
              icon: <ContactsOutlined />,
              label: t("nav.groupCustomers"),
              children: customers,
            },
          ]
        : []),
      { key: "settings", icon: <SettingOutlined />, label: t("nav.settings"), children: settings },
      ...itemsOf("audit"),
    ];
  }, [me, t]);
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();

  const items: MenuProps["items"] = [
    {
      key: "who",
      disabled: true,
      label: (
        <div>
          <div>{me.name}</div>
          <div className="tw-muted tw-small">{me.email}</div>
        </div>
      ),
    },
    { type: "divider" },
    { key: "/settings/password", label: t("nav.password") },
    { key: "/settings/sessions", label: t("nav.sessions") },
    { key: "/settings/tokens", label: t("nav.tokens") },
    { type: "divider" },
    {
      key: "logout",
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t("nav.logout")}</span>,
    },
  ];

  const onClick: MenuProps["onClick"] = ({ key }) => {
    if (key !== "logout") {
      void navigate(key);
      return;
    }
    logout.mutate(undefined, {
      // A fresh page load: nothing of this user's data stays in memory for the next person.
      onSettled: () => window.location.replace("/login?loggedOut=1"),
    });
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={["click"]} placement="bottomRight">
      <Button type="text" data-testid="user-menu" aria-label={t("nav.userMenu")}>
        <Space>
          <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: "#1668dc" }} />
          <span className="tw-user-name">{me.name}</span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </Button>
    </Dropdown>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const location = useLocation();
  const items = useSideMenu(me);
  const selected = areaOfPath(location.pathname);
  // The customer pages are the daily work: their group starts open.
  const [openKeys, setOpenKeys] = useState<string[]>(["customers-group", "settings"]);

  if (!me) return <FullPageSpin />;

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header className="tw-header">
        <Link to="/" className="tw-brand">
          <img src="/favicon.svg" alt="" />
          <span>{t("app.name")}</span>
        </Link>
        <div className="tw-header-spacer" />
        <LanguageSwitch />
        <NotificationBell />
        <UserMenu me={me} />
      </Layout.Header>
      <Layout>
        <Layout.Sider className="tw-sider" width={232} breakpoint="lg" collapsedWidth={64} theme="light">
          <Menu
            data-testid="side-menu"
            mode="inline"
            items={items}
            selectedKeys={selected ? [selected.key] : []}
            openKeys={openKeys}
            onOpenChange={setOpenKeys}
            style={{ paddingTop: 8, borderInlineEnd: "none" }}
          />
        </Layout.Sider>
        <Layout.Content className="tw-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
