/**
 * The providers every screen relies on: server state (TanStack Query), Ant Design in the user's
 * language, antd's App (for message and modal hooks) and the router.
 */
import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { RouterProvider } from "react-router";
import { useMe, useSaveMyLocale } from "../features/auth/auth.queries.ts";
import i18n, { rememberLocale, takeChoiceBeforeLogin } from "../i18n/index.ts";
import { queryClient } from "./queryClient.ts";
import { router } from "./router.tsx";

const theme = {
  token: { colorPrimary: "#1668dc", borderRadius: 6 },
  components: { Layout: { headerBg: "#ffffff", siderBg: "#ffffff", bodyBg: "#f5f7fa" } },
};

/**
 * After login the app speaks the user's saved language, unless the user has just picked one on
 * the login page: that fresh choice is saved on the user instead.
 */
function LocaleFollowsUser() {
  const { data: me } = useMe();
  const save = useSaveMyLocale();
  const userId = me?.id;
  const userLocale = me?.locale;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs per user and saved language; save is stable enough
  useEffect(() => {
    if (!userLocale) return;
    const picked = takeChoiceBeforeLogin();
    if (picked && picked !== userLocale) {
      save.mutate(picked);
      return;
    }
    rememberLocale(userLocale);
    if (i18n.language !== userLocale) void i18n.changeLanguage(userLocale);
  }, [userId, userLocale]);
  return null;
}

function Localised() {
  const { i18n: active } = useTranslation();
  return (
    // No space squeezed between two-character Chinese button labels ("取 消"): labels read, and are
    // found by tests, exactly as written in zh-CN.json.
    <ConfigProvider
      locale={active.language === "en-US" ? enUS : zhCN}
      theme={theme}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <LocaleFollowsUser />
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Localised />
    </QueryClientProvider>
  );
}
