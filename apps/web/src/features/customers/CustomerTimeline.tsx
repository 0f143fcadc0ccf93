/**
 * The customer's timeline (R-CUST-6), newest first: follow-ups with their next action, changes
 * of classification and grade (with the suggested grade when overridden), owner changes, the
 * pool, merges and edits. The author of a follow-up, and leads, may correct or delete it.
 */
import {
  CommentOutlined,
  DeleteOutlined,
  EditOutlined,
  GlobalOutlined,
  MergeCellsOutlined,
  PlusCircleOutlined,
  TagOutlined,
  UserSwitchOutlined,
} from "@ant-design/icons";
import type {
  Customer,
  DealStatus,
  Demand,
  FollowUp,
  Grade,
  Importance,
  TimelineEvent,
} from "@tradewind/domain";
import { App, Button, Empty, Modal, Popconfirm, Space, Spin, Tag, Timeline, Tooltip, Typography } from "antd";
import type { TFunction } from "i18next";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../api/types.ts";
import { holds } from "../../app/access.ts";
import { errorLine } from "../../shared/errors.ts";
import { formatDate, formatDateTime, formatRelative } from "../../shared/format.ts";
import { useUserOptions } from "../users/users.queries.ts";
import { useDeleteFollowUp, useTimeline, useUpdateFollowUp } from "./customers.queries.ts";
import { FollowUpForm } from "./FollowUpForm.tsx";
import { channelLabel, dealStatusLabel, demandLabel, gradeLabel, importanceLabel } from "./vocabulary.ts";

interface Props {
  customer: Customer;
  me: Me;
}

/** The author may change its follow-up; so may anyone who edits customers beyond its own. */
export function mayManageFollowUp(me: Me, followUp: FollowUp): boolean {
  return followUp.authorId === me.id || (me.dataScope !== "own" && holds(me, "customers.update"));
}

const fieldLabel = (t: TFunction, field: string) => t(`customerField.${field}`, { defaultValue: field });

/** A classification value in words: "A 级", "正在谈判", a date. */
function classificationValue(t: TFunction, field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return t("timeline.empty");
  const text = String(value);
  switch (field) {
    case "grade":
      return gradeLabel(t, text as Grade);
    case "dealStatus":
      return dealStatusLabel(t, text as DealStatus);
    case "demand":
      return demandLabel(t, text as Demand);
    case "importance":
      return importanceLabel(t, text as Importance);
    case "expectedCloseDate":
    case "nextActionDate":
      return formatDate(text);
    default:
      return text;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

export function CustomerTimeline({ customer, me }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const timeline = useTimeline(customer.id);
  const users = useUserOptions();
  const update = useUpdateFollowUp();
  const remove = useDeleteFollowUp();
  const [editing, setEditing] = useState<FollowUp | null>(null);
  const events = useMemo(() => timeline.data?.pages.flatMap((page) => page.items) ?? [], [timeline.data]);
  const contactName = (id: string | null) => customer.contacts.find((contact) => contact.id === id)?.name;
  const userName = (id: unknown) =>
    typeof id === "string"
      ? (users.byId.get(id)?.name ?? t("timeline.formerColleague"))
      : t("timeline.nobody");

  function followUpContent(followUp: FollowUp): ReactNode {
    const contact = contactName(followUp.contactId);
    return (
      <div className="tw-followup" data-testid={`followup-${followUp.id}`}>
        <Space size={6} wrap>
          <Tag color="blue">{channelLabel(t, followUp.channel)}</Tag>
          <Typography.Text strong>{formatDate(followUp.date)}</Typography.Text>
          {contact && (
            <Typography.Text type="secondary">{t("timeline.with", { name: contact })}</Typography.Text>
          )}
          <Typography.Text type="secondary">· {followUp.authorName ?? "—"}</Typography.Text>
        </Space>
        <div className="tw-value">{followUp.summary}</div>
        {followUp.nextActionDate && (
          // The plan made at the time, not a due date: a later follow-up may have replaced it, so no "overdue".
          <div>
            <Typography.Text type="secondary">{t("timeline.next")} </Typography.Text>
            {formatDate(followUp.nextActionDate)}
            {followUp.nextAction && ` · ${followUp.nextAction}`}
          </div>
        )}
        {mayManageFollowUp(me, followUp) && (
          <Space size={0} className="tw-followup-actions">
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(followUp)}>
              {t("common.edit")}
            </Button>
            <Popconfirm
              title={t("timeline.deleteTitle")}
              description={t("timeline.deleteText")}
              okText={t("common.delete")}
              okButtonProps={{ danger: true }}
              cancelText={t("common.cancel")}
              onConfirm={() =>
                remove.mutate(followUp.id, {
                  onSuccess: () => void message.success(t("timeline.deleted")),
                  onError: (error) => void message.error(errorLine(error, t)),
                })
              }
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                {t("common.delete")}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </div>
    );
  }

  function describe(event: TimelineEvent): { icon: ReactNode; color: string; content: ReactNode } {
    const details = event.details;
    const who = event.actorName ?? t("timeline.system");
    switch (event.kind) {
      case "follow_up":
        return {
          icon: <CommentOutlined />,
          color: "blue",
          content: event.followUp ? followUpContent(event.followUp) : t("timeline.followUpRemoved"),
        };
      case "created":
        return { icon: <PlusCircleOutlined />, color: "green", content: t("timeline.created", { who }) };
      case "classification": {
        const changes = Object.entries(details).map(([field, change]) => {
          const { before, after } = asRecord(change);
          return t("timeline.change", {
            field: fieldLabel(t, field),
            before: classificationValue(t, field, before),
            after: classificationValue(t, field, after),
          });
        });
        return {
          icon: <TagOutlined />,
          color: "gray",
          content: t("timeline.classification", { who, changes: changes.join(t("common.listSeparator")) }),
        };
      }
      case "grade_override":
        return {
          icon: <TagOutlined />,
          color: "orange",
          content: t("timeline.gradeOverride", {
            who,
            before: classificationValue(t, "grade", details.before),
            after: classificationValue(t, "grade", details.after),
            suggested: classificationValue(t, "grade", details.suggested),
          }),
        };
      case "owner_changed":
        return {
          icon: <UserSwitchOutlined />,
          color: "gray",
          content: t("timeline.ownerChanged", {
            who,
            from: userName(details.from),
            to: userName(details.to),
          }),
        };
      case "pooled":
        return {
          icon: <GlobalOutlined />,
          color: "red",
          content: t("timeline.pooled", { days: Number(details.days) || 0, from: userName(details.from) }),
        };
      case "claimed":
        return { icon: <GlobalOutlined />, color: "green", content: t("timeline.claimed", { who }) };
      case "merged":
        return {
          icon: <MergeCellsOutlined />,
          color: "gray",
          content: t("timeline.merged", {
            who,
            name: String(details.companyName ?? ""),
            contacts: Number(details.contacts) || 0,
          }),
        };
      case "updated": {
        const fields = Array.isArray(details.fields)
          ? details.fields.map((f) => fieldLabel(t, String(f)))
          : [];
        return {
          icon: <EditOutlined />,
          color: "gray",
          content: t("timeline.updated", { who, fields: fields.join(t("common.listSeparator")) }),
        };
      }
      default:
        // Kinds from later modules (quotations, orders, shipments...) before this screen knows them.
        return { icon: undefined, color: "gray", content: t("timeline.other", { who, kind: event.kind }) };
    }
  }

  if (timeline.isPending) return <Spin />;
  return (
    <div data-testid="timeline">
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("timeline.none")} />
      ) : (
        <Timeline
          items={events.map((event) => {
            const { icon, color, content } = describe(event);
            return {
              key: event.id,
              color,
              icon,
              content: (
                <div data-kind={event.kind}>
                  <Tooltip title={formatDateTime(event.at)}>
                    <Typography.Text type="secondary" className="tw-small">
                      {formatRelative(event.at)}
                    </Typography.Text>
                  </Tooltip>
                  <div>{content}</div>
                </div>
              ),
            };
          })}
        />
      )}
      {timeline.hasNextPage && (
        <div className="tw-load-more">
          <Button onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
            {t("timeline.loadMore")}
          </Button>
        </div>
      )}
      <Modal
        open={!!editing}
        title={t("timeline.editTitle")}
        footer={null}
        onCancel={() => {
          setEditing(null);
          update.reset();
        }}
        destroyOnHidden
        width={720}
      >
        {editing && (
          <FollowUpForm
            contacts={customer.contacts}
            followUp={editing}
            saving={update.isPending}
            error={update.error}
            onCancel={() => setEditing(null)}
            onSubmit={(input, done, fail) =>
              update.mutate(
                { id: editing.id, version: editing.version, ...input },
                {
                  onSuccess: () => {
                    done();
                    setEditing(null);
                    void message.success(t("timeline.saved"));
                  },
                  onError: fail,
                },
              )
            }
          />
        )}
      </Modal>
    </div>
  );
}
