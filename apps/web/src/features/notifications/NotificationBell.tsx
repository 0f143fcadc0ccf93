/**
 * The bell in the header: how many notifications are unread, and the latest ones in the user's
 * language (each kind has its own sentence with the notification's parameters). Clicking one
 * marks it read and opens what it is about.
 */
import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Empty, Popover, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { formatDateTime, formatRelative } from "../../shared/format.ts";
import { type Notification, useMarkRead, useNotifications } from "./notifications.queries.ts";

/** The sentence for a kind ("customer.pool_warning" -> notifications.kind.customer.pool_warning). */
function useNotificationText() {
  const { t, i18n } = useTranslation();
  return (notification: Notification) => {
    const key = `notifications.kind.${notification.kind}`;
    return i18n.exists(key)
      ? t(key, notification.params)
      : t("notifications.unknownKind", { kind: notification.kind });
  };
}

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const text = useNotificationText();
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];

  const openOne = (notification: Notification) => {
    if (!notification.readAt) markRead.mutate(notification.id);
    setOpen(false);
    if (notification.link?.startsWith("/")) void navigate(notification.link);
  };

  const content = (
    <div className="tw-notifications" data-testid="notifications-list">
      <div className="tw-notifications-head">
        <Typography.Text strong>{t("notifications.title")}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={markRead.isPending && markRead.variables === "all"}
          onClick={() => markRead.mutate("all")}
          data-testid="notifications-read-all"
        >
          {t("notifications.readAll")}
        </Button>
      </div>
      {notifications.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notifications.empty")} />
      ) : (
        items.map((notification) => (
          <button
            type="button"
            key={notification.id}
            className={`tw-notification${notification.readAt ? "" : " tw-notification-unread"}`}
            onClick={() => openOne(notification)}
            data-testid={`notification-${notification.id}`}
          >
            <div>{text(notification)}</div>
            <div className="tw-small tw-muted" title={formatDateTime(notification.createdAt)}>
              {formatRelative(notification.createdAt)}
            </div>
          </button>
        ))
      )}
    </div>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Button
        type="text"
        aria-label={t("notifications.bell", { count: unread })}
        data-testid="notifications-bell"
        data-unread={unread}
      >
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
