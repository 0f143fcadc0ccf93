/** One icon per area, shared by the side menu and the home page cards. */
import {
  ApartmentOutlined,
  AuditOutlined,
  ClusterOutlined,
  ContactsOutlined,
  ControlOutlined,
  DesktopOutlined,
  GlobalOutlined,
  HomeOutlined,
  ImportOutlined,
  KeyOutlined,
  LockOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";

export const AREA_ICONS: Record<string, ReactNode> = {
  home: <HomeOutlined />,
  myDay: <ScheduleOutlined />,
  customers: <ContactsOutlined />,
  pool: <GlobalOutlined />,
  import: <ImportOutlined />,
  poolSettings: <ControlOutlined />,
  users: <TeamOutlined />,
  roles: <SafetyCertificateOutlined />,
  organisation: <ApartmentOutlined />,
  zones: <ClusterOutlined />,
  password: <LockOutlined />,
  sessions: <DesktopOutlined />,
  tokens: <KeyOutlined />,
  audit: <AuditOutlined />,
};
