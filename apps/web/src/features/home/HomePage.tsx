/**
 * 工作台: the first page after login. Greets the user, says which roles and data scope it has
 * (so a sales rep knows why it sees only its own customers), and links to the areas it may open.
 */
import { Card, Col, Descriptions, Row, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { allows, holds } from "../../app/access.ts";
import { AREA_ICONS } from "../../app/areaIcons.tsx";
import { AREAS } from "../../app/areas.ts";
import { currentLocale } from "../../i18n/index.ts";
import { roleNameByKey } from "../../shared/labels.ts";
import { dataScopeHelp, dataScopeLabel } from "../../shared/options.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useMe } from "../auth/auth.queries.ts";
import { useRoles } from "../roles/roles.queries.ts";

function greetingKey(): string {
  const hour = dayjs().hour();
  if (hour < 12) return "home.greetingMorning";
  if (hour < 18) return "home.greetingAfternoon";
  return "home.greetingEvening";
}

export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { roles } = useRoles(holds(me, "users.read"));
  useDocumentTitle(t("nav.home"));
  if (!me) return null;
  const locale = currentLocale();
  const areas = AREAS.filter((area) => area.key !== "home" && allows(me, area.requires));

  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t(greetingKey(), { name: me.name })}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            {
              key: "roles",
              label: t("home.roles"),
              children:
                me.roleKeys.length > 0 ? (
                  <Space wrap size={[4, 4]}>
                    {me.roleKeys.map((key) => (
                      <Tag color="blue" key={key}>
                        {roleNameByKey(key, locale, roles)}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t("home.noRoles")}</Typography.Text>
                ),
            },
            {
              key: "scope",
              label: t("home.dataScope"),
              children: (
                <span>
                  {dataScopeLabel(t, me.dataScope)}
                  <Typography.Text type="secondary"> · {dataScopeHelp(t, me.dataScope)}</Typography.Text>
                </span>
              ),
            },
            { key: "email", label: t("home.email"), children: me.email },
          ]}
        />
      </Card>
      <div>
        <Typography.Title level={5}>{t("home.areasTitle")}</Typography.Title>
        <Row gutter={[16, 16]}>
          {areas.map((area) => (
            <Col key={area.key} xs={24} sm={12} lg={8} xl={6}>
              <Link to={area.path} className="tw-card-link" data-testid={`home-card-${area.key}`}>
                <Card hoverable>
                  <Space align="start">
                    <span className="tw-card-icon">{AREA_ICONS[area.key]}</span>
                    <div>
                      <Typography.Text strong>{t(area.titleKey)}</Typography.Text>
                      <div className="tw-muted">{t(area.descriptionKey)}</div>
                    </div>
                  </Space>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </div>
    </Space>
  );
}
