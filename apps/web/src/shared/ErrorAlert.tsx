/** An error from the API shown in place: the headline in the user's language, then the server's message. */
import { Alert } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client.ts";
import { describeError } from "./errors.ts";

interface Props {
  error: unknown;
  /** Overrides the headline, e.g. "Login failed". */
  title?: ReactNode;
  action?: ReactNode;
  testId?: string;
  className?: string;
}

export function ErrorAlert({ error, title, action, testId, className }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const text = describeError(error, t);
  const detail = text.detail === title ? undefined : text.detail;
  // Only a server fault needs its request id (for the administrator to find it in the log).
  const requestId = error instanceof ApiError && error.status >= 500 ? error.requestId : undefined;
  return (
    <Alert
      type="error"
      showIcon
      className={className}
      data-testid={testId}
      title={title ?? text.title}
      description={
        detail || requestId ? (
          <>
            {detail && <div>{detail}</div>}
            {requestId && <div className="tw-muted tw-small">{t("errors.requestId", { id: requestId })}</div>}
          </>
        ) : undefined
      }
      action={action}
    />
  );
}
