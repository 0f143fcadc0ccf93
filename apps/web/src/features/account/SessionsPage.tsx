/**
 * 我的会话: the browsers and devices where the user is logged in. Ending a session logs that
 * device out, e.g. a shared computer at a trade show.
 */
import { App, Empty, Popconfirm, Table, type TableColumnsType, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Session } from "../../api/types.ts";
import { describeDevice } from "../../shared/devices.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { errorLine } from "../../shared/errors.ts";
import { formatDateTime, formatRelative } from "../../shared/format.ts";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { useEndSession, useSessions } from "./account.queries.ts";

export function SessionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sessions = useSessions();
  const end = useEndSession();

  const columns: TableColumnsType<Session> = [
    {
      title: t("sessions.device"),
      dataIndex: "userAgent",
      render: (userAgent: string | null, session) => (
        <span>
          <Tooltip title={userAgent}>{describeDevice(userAgent) ?? t("sessions.unknownDevice")}</Tooltip>
          {session.current && (
            <Tag color="green" style={{ marginInlineStart: 8 }} data-testid="session-current">
              {t("sessions.current")}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t("sessions.ip"), dataIndex: "ip", render: (ip: string | null) => ip ?? "—" },
    { title: t("sessions.createdAt"), dataIndex: "createdAt", render: formatDateTime },
    {
      title: t("sessions.lastSeenAt"),
      dataIndex: "lastSeenAt",
      render: (iso: string) => <Tooltip title={formatDateTime(iso)}>{formatRelative(iso)}</Tooltip>,
    },
    { title: t("sessions.expiresAt"), dataIndex: "expiresAt", render: formatDateTime },
    {
      title: t("common.actions"),
      key: "actions",
      width: 120,
      render: (_: unknown, session) =>
        session.current ? (
          <Tooltip title={t("sessions.currentHint")}>
            <Typography.Text type="secondary">{t("sessions.end")}</Typography.Text>
          </Tooltip>
        ) : (
          <Popconfirm
            title={t("sessions.endTitle")}
            description={t("sessions.endText")}
            okText={t("sessions.end")}
            okButtonProps={{ danger: true }}
            cancelText={t("common.cancel")}
            onConfirm={() =>
              end.mutate(session.id, {
                onSuccess: () => void message.success(t("sessions.ended")),
                onError: (error) => void message.error(errorLine(error, t)),
              })
            }
          >
            <Typography.Link type="danger">{t("sessions.end")}</Typography.Link>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t("nav.sessions")} description={t("sessions.intro")} />
      {sessions.isError && <ErrorAlert error={sessions.error} className="tw-form-alert" />}
      <div data-testid="sessions-table">
        <Table<Session>
          rowKey="id"
          columns={columns}
          dataSource={sessions.data?.items ?? []}
          loading={sessions.isFetching}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("sessions.empty")} />,
          }}
        />
      </div>
    </>
  );
}
