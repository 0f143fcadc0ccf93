/**
 * 客户档案: one customer. The header says who and where it is (with the customer's local time, so
 * a rep knows whether to call now), how it is classified and who owns it; the actions follow the
 * user's permissions. Left: record a follow-up, then the timeline. Right: contacts (click to
 * mail, call or WhatsApp), classification, credit, archive and notes. A customer the user may
 * not see answers 404 from the server and shows the 404 page here.
 */
import {
  DeleteOutlined,
  EditOutlined,
  GlobalOutlined,
  LinkedinOutlined,
  MailOutlined,
  MergeCellsOutlined,
  PhoneOutlined,
  SkypeOutlined,
  UserSwitchOutlined,
  WechatOutlined,
  WhatsAppOutlined,
} from "@ant-design/icons";
import type { Contact, Customer } from "@tradewind/domain";
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Popconfirm,
  Row,
  Space,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import type { Me } from "../../api/types.ts";
import { holds } from "../../app/access.ts";
import { FullPageSpin } from "../../app/guards.tsx";
import { NotFoundPage } from "../../app/StatusPages.tsx";
import { currentLocale } from "../../i18n/index.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { errorLine } from "../../shared/errors.ts";
import { formatDate, formatDateTime, formatMoney } from "../../shared/format.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useMe } from "../auth/auth.queries.ts";
import { useUserOptions } from "../users/users.queries.ts";
import {
  DealStatusTag,
  DemandTag,
  GradeTag,
  KeyAccountMark,
  NextActionDate,
  UrgencyTag,
} from "./CustomerBadges.tsx";
import { CustomerFormDrawer } from "./CustomerFormDrawer.tsx";
import { CustomerTimeline } from "./CustomerTimeline.tsx";
import { useAddFollowUp, useClaimCustomer, useCustomer, useDeleteCustomer } from "./customers.queries.ts";
import { FollowUpForm } from "./FollowUpForm.tsx";
import { LocalTime } from "./LocalTime.tsx";
import { MergeModal } from "./MergeModal.tsx";
import { TransferModal } from "./TransferModal.tsx";
import {
  CREDIT_STATUS_COLORS,
  countryLabel,
  creditStatusLabel,
  gradeLabel,
  importanceLabel,
  sourceLabel,
} from "./vocabulary.ts";

/** wa.me wants the number's digits only: "+49 171 555" -> 49171555. */
function whatsappLink(value: string): string | null {
  const digits = value.replace(/\D/g, "");
  return digits.length >= 7 ? `https://wa.me/${digits}` : null;
}

function webLink(value: string): string {
  return /^https?:\/\//i.test(value) ? value : `https://${value}`;
}

function ContactCard({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const whatsapp = contact.whatsapp ? whatsappLink(contact.whatsapp) : null;
  return (
    <div className="tw-contact" data-testid={`contact-card-${contact.id}`}>
      <Space size={6} wrap>
        <Typography.Text strong>{contact.name}</Typography.Text>
        {contact.title && <Typography.Text type="secondary">{contact.title}</Typography.Text>}
        {contact.primary && <Tag color="blue">{t("customer.primary")}</Tag>}
      </Space>
      {contact.emails.map((email) => (
        <div key={email}>
          <MailOutlined /> <a href={`mailto:${email}`}>{email}</a>
        </div>
      ))}
      {contact.phones.map((phone) => (
        <div key={phone}>
          <PhoneOutlined /> <a href={`tel:${phone.replace(/[^\d+]/g, "")}`}>{phone}</a>
        </div>
      ))}
      <Space size="middle" wrap>
        {contact.whatsapp &&
          (whatsapp ? (
            <a href={whatsapp} target="_blank" rel="noopener noreferrer">
              <WhatsAppOutlined /> {contact.whatsapp}
            </a>
          ) : (
            <span>
              <WhatsAppOutlined /> {contact.whatsapp}
            </span>
          ))}
        {contact.wechat && (
          <Tooltip title={t("customer.wechatCopy")}>
            <Typography.Text copyable={{ text: contact.wechat }}>
              <WechatOutlined /> {contact.wechat}
            </Typography.Text>
          </Tooltip>
        )}
        {contact.skype && (
          <a href={`skype:${contact.skype}?call`}>
            <SkypeOutlined /> {contact.skype}
          </a>
        )}
        {contact.linkedin && (
          <a href={webLink(contact.linkedin)} target="_blank" rel="noopener noreferrer">
            <LinkedinOutlined /> LinkedIn
          </a>
        )}
      </Space>
    </div>
  );
}

function Header({
  customer,
  me,
  onEdit,
  onTransfer,
  onMerge,
}: {
  customer: Customer;
  me: Me;
  onEdit: () => void;
  onTransfer: () => void;
  onMerge: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const locale = currentLocale();
  const users = useUserOptions(customer.keyAccount && !!customer.keyAccountOwnerId);
  const remove = useDeleteCustomer();
  const claim = useClaimCustomer();
  const inPool = customer.ownerId === null;

  const actions = (
    <Space wrap>
      {inPool && holds(me, "customers.claim") && (
        <Button
          type="primary"
          icon={<GlobalOutlined />}
          loading={claim.isPending}
          onClick={() =>
            claim.mutate(customer.id, {
              onSuccess: () => void message.success(t("pool.claimed", { name: customer.companyName })),
              onError: (error) => void message.error(errorLine(error, t)),
            })
          }
          data-testid="customer-claim"
        >
          {t("pool.claim")}
        </Button>
      )}
      {holds(me, "customers.update") && (
        <Button icon={<EditOutlined />} onClick={onEdit} data-testid="customer-edit">
          {t("common.edit")}
        </Button>
      )}
      {holds(me, "customers.transfer") && (
        <Button icon={<UserSwitchOutlined />} onClick={onTransfer} data-testid="customer-transfer">
          {t("customers.transfer")}
        </Button>
      )}
      {holds(me, "customers.merge") && (
        <Button icon={<MergeCellsOutlined />} onClick={onMerge} data-testid="customer-merge">
          {t("merge.button")}
        </Button>
      )}
      {holds(me, "customers.delete") && (
        <Popconfirm
          title={t("customer.deleteTitle", { name: customer.companyName })}
          description={<div style={{ maxWidth: 300 }}>{t("customer.deleteText")}</div>}
          okText={t("common.delete")}
          okButtonProps={{ danger: true }}
          cancelText={t("common.cancel")}
          onConfirm={() =>
            remove.mutate(customer.id, {
              onSuccess: () => {
                void message.success(t("common.deletedNamed", { name: customer.companyName }));
                void navigate("/customers");
              },
              onError: (error) => void message.error(errorLine(error, t)),
            })
          }
        >
          <Button danger icon={<DeleteOutlined />} data-testid="customer-delete">
            {t("common.delete")}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  const dedicated = customer.keyAccountOwnerId ? users.byId.get(customer.keyAccountOwnerId)?.name : null;

  return (
    <Card className="tw-customer-head">
      <div className="tw-page-header" style={{ marginBottom: 8 }}>
        <div>
          <Space size={8} wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-title">
              {customer.companyName}
            </Typography.Title>
            {customer.keyAccount && <KeyAccountMark />}
            {inPool && <Tag color="purple">{t("customer.inPool")}</Tag>}
          </Space>
          <div className="tw-customer-sub">
            {customer.localName && <span data-testid="customer-local-name">{customer.localName}</span>}
            <span>{countryLabel(customer.country, locale)}</span>
            <LocalTime customer={customer} />
          </div>
        </div>
        {actions}
      </div>
      <Space size={[16, 8]} wrap className="tw-customer-facts">
        <span>
          <span className="tw-fact-label">{t("customer.grade")}</span>
          <GradeTag
            grade={customer.grade}
            suggestedGrade={customer.suggestedGrade}
            overridden={customer.gradeOverridden}
            testId="customer-grade"
          />
          {customer.gradeOverridden && customer.suggestedGrade && (
            <Typography.Text type="secondary" className="tw-small" data-testid="customer-suggested-grade">
              {t("customer.suggested", { grade: gradeLabel(t, customer.suggestedGrade) })}
            </Typography.Text>
          )}
        </span>
        <span>
          <span className="tw-fact-label">{t("customer.urgency")}</span>
          <UrgencyTag urgency={customer.urgency} testId="customer-urgency" />
        </span>
        <span>
          <span className="tw-fact-label">{t("customer.dealStatus")}</span>
          <DealStatusTag value={customer.dealStatus} />
        </span>
        <span>
          <span className="tw-fact-label">{t("customer.demand")}</span>
          <DemandTag value={customer.demand} />
        </span>
        <span>
          <span className="tw-fact-label">{t("customer.owner")}</span>
          <span data-testid="customer-owner">{customer.ownerName ?? t("customer.noOwner")}</span>
          {dedicated && (
            <Typography.Text type="secondary">
              {" "}
              · {t("customer.dedicated", { name: dedicated })}
            </Typography.Text>
          )}
        </span>
        <span>
          <span className="tw-fact-label">{t("customer.nextAction")}</span>
          <NextActionDate date={customer.nextActionDate} />
          {customer.nextAction && <span> · {customer.nextAction}</span>}
        </span>
      </Space>
    </Card>
  );
}

export function CustomerDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { customerId } = useParams();
  const { data: me } = useMe();
  const locale = currentLocale();
  const customer = useCustomer(customerId);
  const addFollowUp = useAddFollowUp(customerId ?? "");
  const [editing, setEditing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [merging, setMerging] = useState(false);
  useDocumentTitle(customer.data?.companyName ?? t("nav.customers"));

  if (isApiError(customer.error, 404)) return <NotFoundPage />;
  if (customer.isError) return <ErrorAlert error={customer.error} />;
  if (!customer.data || !me) return <FullPageSpin />;
  const c = customer.data;
  const canFollowUp = holds(me, "customers.update") && c.ownerId !== null;

  const archive = [
    {
      key: "website",
      label: t("customerForm.website"),
      children: c.website ? (
        <a href={webLink(c.website)} target="_blank" rel="noopener noreferrer">
          {c.website}
        </a>
      ) : (
        "—"
      ),
    },
    { key: "industry", label: t("customerForm.industry"), children: c.industry ?? "—" },
    {
      key: "source",
      label: t("customerForm.source"),
      children: c.sourceDetail ? `${sourceLabel(t, c.source)} · ${c.sourceDetail}` : sourceLabel(t, c.source),
    },
    { key: "address", label: t("customerForm.address"), children: c.address ?? "—" },
    {
      key: "tags",
      label: t("customerForm.tags"),
      children:
        c.tags.length > 0 ? (
          <Space wrap size={[4, 4]}>
            {c.tags.map((tag) => (
              <Link key={tag} to={`/customers?tag=${encodeURIComponent(tag)}`}>
                <Tag>{tag}</Tag>
              </Link>
            ))}
          </Space>
        ) : (
          "—"
        ),
    },
    { key: "created", label: t("customer.created"), children: formatDateTime(c.createdAt) },
    { key: "lastFollowUp", label: t("customer.lastFollowUp"), children: formatDateTime(c.lastFollowUpAt) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Header
        customer={c}
        me={me}
        onEdit={() => setEditing(true)}
        onTransfer={() => setTransferring(true)}
        onMerge={() => setMerging(true)}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
            {canFollowUp && (
              <Card title={t("followUps.title")} size="small">
                <FollowUpForm
                  contacts={c.contacts}
                  saving={addFollowUp.isPending}
                  error={addFollowUp.error}
                  onSubmit={(input, done, fail) =>
                    addFollowUp.mutate(input, {
                      onSuccess: () => {
                        done();
                        void message.success(
                          input.nextActionDate
                            ? t("followUps.savedWithNext", { date: formatDate(input.nextActionDate) })
                            : t("followUps.saved"),
                        );
                      },
                      onError: fail,
                    })
                  }
                />
              </Card>
            )}
            {c.ownerId === null && (
              <Card size="small">
                <Typography.Text type="secondary">{t("customer.poolNoFollowUp")}</Typography.Text>
              </Card>
            )}
            <Card title={t("timeline.title")} size="small">
              <CustomerTimeline customer={c} me={me} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
            <Card title={t("customer.contacts", { count: c.contacts.length })} size="small">
              {c.contacts.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customer.noContacts")} />
              ) : (
                <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
                  {[...c.contacts]
                    .sort((a, b) => Number(b.primary) - Number(a.primary))
                    .map((contact) => (
                      <ContactCard key={contact.id} contact={contact} />
                    ))}
                </Space>
              )}
            </Card>
            <Card title={t("customer.classification")} size="small">
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: "grade", label: t("customer.grade"), children: gradeLabel(t, c.grade) },
                  {
                    key: "suggested",
                    label: t("customer.suggestedGrade"),
                    children: c.suggestedGrade ? gradeLabel(t, c.suggestedGrade) : t("customer.noSuggestion"),
                  },
                  {
                    key: "importance",
                    label: t("customer.importance"),
                    children: importanceLabel(t, c.importance),
                  },
                  {
                    key: "close",
                    label: t("customer.expectedClose"),
                    children: formatDate(c.expectedCloseDate),
                  },
                ]}
              />
            </Card>
            <Card title={t("customer.credit")} size="small">
              <Descriptions
                column={1}
                size="small"
                items={[
                  {
                    key: "limit",
                    label: t("customer.creditLimit"),
                    children: formatMoney(c.creditLimit, locale),
                  },
                  {
                    key: "status",
                    label: t("customer.creditStatus"),
                    children: (
                      <Tag color={CREDIT_STATUS_COLORS[c.creditStatus]}>
                        {creditStatusLabel(t, c.creditStatus)}
                      </Tag>
                    ),
                  },
                ]}
              />
            </Card>
            <Card title={t("customer.archive")} size="small">
              <Descriptions column={1} size="small" items={archive} />
            </Card>
            <Card title={t("customer.notes")} size="small">
              {c.notes ? (
                <div className="tw-value">{c.notes}</div>
              ) : (
                <Typography.Text type="secondary">{t("customer.noNotes")}</Typography.Text>
              )}
            </Card>
          </Space>
        </Col>
      </Row>
      {holds(me, "customers.update") && (
        <CustomerFormDrawer
          open={editing}
          customer={c}
          onClose={() => setEditing(false)}
          onReload={() => void customer.refetch()}
        />
      )}
      <TransferModal
        open={transferring}
        customerIds={[c.id]}
        name={c.companyName}
        currentOwnerId={c.ownerId}
        onClose={() => setTransferring(false)}
      />
      <MergeModal open={merging} survivor={c} onClose={() => setMerging(false)} />
    </Space>
  );
}
