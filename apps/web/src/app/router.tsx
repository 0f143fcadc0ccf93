/**
 * The route table. Every page is its own chunk (React.lazy), so the login page loads no settings
 * or audit code. A 401 from any API call sends the user to the login page, then back.
 */
import { type ComponentType, lazy, type ReactNode, Suspense } from "react";
import { createBrowserRouter, Navigate } from "react-router";
import { setUnauthenticatedHandler } from "../api/client.ts";
import { forgetUserData } from "../features/auth/auth.queries.ts";
import { FullPageSpin, RequireArea, RequireLogin } from "./guards.tsx";
import { loginPathFor } from "./navigation.ts";
import { queryClient } from "./queryClient.ts";
import { CrashPage, NotFoundPage } from "./StatusPages.tsx";

/** React.lazy for a module's named export. */
function lazyNamed<Module, Key extends keyof Module>(load: () => Promise<Module>, name: Key) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const LoginPage = lazyNamed(() => import("../features/auth/LoginPage.tsx"), "LoginPage");
const SetupPage = lazyNamed(() => import("../features/auth/SetupPage.tsx"), "SetupPage");
const AppLayout = lazyNamed(() => import("./AppLayout.tsx"), "AppLayout");
const HomePage = lazyNamed(() => import("../features/home/HomePage.tsx"), "HomePage");
const UsersPage = lazyNamed(() => import("../features/users/UsersPage.tsx"), "UsersPage");
const RolesPage = lazyNamed(() => import("../features/roles/RolesPage.tsx"), "RolesPage");
const OrganisationPage = lazyNamed(() => import("../features/org/OrganisationPage.tsx"), "OrganisationPage");
const ZonesPage = lazyNamed(() => import("../features/org/ZonesPage.tsx"), "ZonesPage");
const PasswordPage = lazyNamed(() => import("../features/account/PasswordPage.tsx"), "PasswordPage");
const SessionsPage = lazyNamed(() => import("../features/account/SessionsPage.tsx"), "SessionsPage");
const TokensPage = lazyNamed(() => import("../features/account/TokensPage.tsx"), "TokensPage");
const AuditPage = lazyNamed(() => import("../features/audit/AuditPage.tsx"), "AuditPage");
const MyDayPage = lazyNamed(() => import("../features/customers/MyDayPage.tsx"), "MyDayPage");
const CustomersPage = lazyNamed(() => import("../features/customers/CustomersPage.tsx"), "CustomersPage");
const NewCustomerPage = lazyNamed(() => import("../features/customers/CustomersPage.tsx"), "NewCustomerPage");
const CustomerBoardPage = lazyNamed(
  () => import("../features/customers/CustomerBoardPage.tsx"),
  "CustomerBoardPage",
);
const CustomerDetailPage = lazyNamed(
  () => import("../features/customers/CustomerDetailPage.tsx"),
  "CustomerDetailPage",
);
const PoolPage = lazyNamed(() => import("../features/customers/PoolPage.tsx"), "PoolPage");
const ImportPage = lazyNamed(() => import("../features/imports/ImportPage.tsx"), "ImportPage");
const PoolSettingsPage = lazyNamed(
  () => import("../features/customers/PoolSettingsPage.tsx"),
  "PoolSettingsPage",
);

function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<FullPageSpin />}>{children}</Suspense>;
}

/** A page inside the app shell that only holders of its area's permissions may open. */
function areaPage(area: string, Page: ComponentType) {
  return (
    <RequireArea area={area}>
      <Page />
    </RequireArea>
  );
}

export const router = createBrowserRouter([
  {
    errorElement: <CrashPage />,
    children: [
      {
        path: "/login",
        element: (
          <Loading>
            <LoginPage />
          </Loading>
        ),
      },
      {
        path: "/setup",
        element: (
          <Loading>
            <SetupPage />
          </Loading>
        ),
      },
      {
        path: "/",
        element: (
          <RequireLogin>
            <Loading>
              <AppLayout />
            </Loading>
          </RequireLogin>
        ),
        children: [
          { index: true, element: <HomePage /> },
          { path: "my-day", element: areaPage("myDay", MyDayPage) },
          { path: "customers", element: areaPage("customers", CustomersPage) },
          { path: "customers/new", element: areaPage("customers", NewCustomerPage) },
          { path: "customers/board", element: areaPage("customers", CustomerBoardPage) },
          { path: "customers/pool", element: areaPage("pool", PoolPage) },
          // One route for the wizard and an import's result, so the page keeps its state between them.
          { path: "customers/import/:importId?", element: areaPage("import", ImportPage) },
          { path: "customers/:customerId", element: areaPage("customers", CustomerDetailPage) },
          { path: "settings/pool", element: areaPage("poolSettings", PoolSettingsPage) },
          { path: "settings", element: <Navigate to="/settings/password" replace /> },
          // One route for the list and an opened user, so the list keeps its filters and scroll.
          { path: "settings/users/:userId?", element: areaPage("users", UsersPage) },
          { path: "settings/roles", element: areaPage("roles", RolesPage) },
          { path: "settings/organisation", element: areaPage("organisation", OrganisationPage) },
          { path: "settings/zones", element: areaPage("zones", ZonesPage) },
          { path: "settings/password", element: areaPage("password", PasswordPage) },
          { path: "settings/sessions", element: areaPage("sessions", SessionsPage) },
          { path: "settings/tokens", element: areaPage("tokens", TokensPage) },
          { path: "audit", element: areaPage("audit", AuditPage) },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

setUnauthenticatedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname === "/login" || pathname === "/setup") return;
  // The session ended (expired, ended elsewhere, or the password changed): forget its data.
  forgetUserData(queryClient, null);
  void router.navigate(loginPathFor(pathname, search), { replace: true });
});
