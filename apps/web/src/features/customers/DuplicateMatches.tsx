/**
 * Customers that may be the same company (查重, R-CUST-5): "可能重复：ACME Trading Co., Ltd.
 * （负责人：张伟）", why each matched, and a link for those the user may open. Matches outside the
 * user's scope show name and owner only, so the rep knows whom to ask.
 */
import type { DuplicateMatch } from "@tradewind/domain";
import { Alert, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { matchReasonLabel } from "./vocabulary.ts";

export function DuplicateList({ matches }: { matches: DuplicateMatch[] }) {
  const { t } = useTranslation();
  return (
    <ul className="tw-duplicates">
      {matches.map((match) => (
        <li key={match.id} data-testid={`duplicate-${match.id}`}>
          <Space size={4} wrap>
            <span>
              {t("duplicates.line", {
                name: match.companyName,
                owner: match.ownerName ?? t("duplicates.inPool"),
              })}
            </span>
            {match.matchedOn.map((reason) => (
              <Tag key={reason} color="orange">
                {matchReasonLabel(t, reason)}
              </Tag>
            ))}
            {match.canOpen ? (
              // A new tab: the form being filled in stays as it is.
              <Link to={`/customers/${match.id}`} target="_blank" rel="noopener">
                {t("duplicates.open")}
              </Link>
            ) : (
              <Typography.Text type="secondary" className="tw-small">
                {t("duplicates.notYours")}
              </Typography.Text>
            )}
          </Space>
        </li>
      ))}
    </ul>
  );
}

/** The warning shown while typing: the user may go on, but should look first. */
export function DuplicateWarning({ matches }: { matches: DuplicateMatch[] }) {
  const { t } = useTranslation();
  if (matches.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="tw-form-alert"
      data-testid="duplicate-warning"
      title={t("duplicates.warningTitle", { count: matches.length })}
      description={<DuplicateList matches={matches} />}
    />
  );
}

/** The server refused to create (409 duplicate): the matches and what the user can do now. */
export function DuplicateConflict({ matches, action }: { matches: DuplicateMatch[]; action: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      className="tw-form-alert"
      data-testid="duplicate-conflict"
      title={t("duplicates.conflictTitle")}
      description={
        <>
          <DuplicateList matches={matches} />
          {action}
        </>
      }
    />
  );
}
