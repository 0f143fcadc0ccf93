/** Pages for "no such page or record" (404), "not allowed" (403) and unexpected failures. */
import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useRouteError } from "react-router";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t("status.notFoundTitle")}
      subTitle={t("status.notFoundText")}
      data-testid="page-404"
      extra={
        <Link to="/">
          <Button type="primary">{t("status.backHome")}</Button>
        </Link>
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t("status.forbiddenTitle")}
      subTitle={t("status.forbiddenText")}
      data-testid="page-403"
      extra={
        <Link to="/">
          <Button type="primary">{t("status.backHome")}</Button>
        </Link>
      }
    />
  );
}

/** Shown by the router when a page throws: offers a reload instead of a blank screen. */
export function CrashPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <div className="tw-full-page">
      <Result
        status="error"
        title={t("status.crashTitle")}
        subTitle={error instanceof Error ? error.message : t("status.crashText")}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t("status.reload")}
          </Button>
        }
      />
    </div>
  );
}
