/**
 * Route guards: a page needs a logged-in user (else the login page, remembering where the user
 * was going) and the permissions of its area (else the 403 page). The server checks again.
 */
import { Button, Result, Spin } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { useMe } from "../features/auth/auth.queries.ts";
import { describeError } from "../shared/errors.ts";
import { allows } from "./access.ts";
import { areaByKey } from "./areas.ts";
import { loginPathFor } from "./navigation.ts";
import { ForbiddenPage } from "./StatusPages.tsx";

export function FullPageSpin() {
  return (
    <div className="tw-full-page">
      <Spin size="large" />
    </div>
  );
}

export function RequireLogin({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    const text = describeError(me.error, t);
    return (
      <div className="tw-full-page">
        <Result
          status="warning"
          title={text.title}
          subTitle={text.detail}
          extra={
            <Button type="primary" onClick={() => void me.refetch()}>
              {t("common.retry")}
            </Button>
          }
        />
      </div>
    );
  }
  if (!me.data) return <Navigate to={loginPathFor(location.pathname, location.search)} replace />;
  return children;
}

/** Shows the page only to users holding one of its area's permissions. */
export function RequireArea({ area, children }: { area: string; children: ReactNode }) {
  const { data: me } = useMe();
  return allows(me, areaByKey(area).requires) ? children : <ForbiddenPage />;
}
