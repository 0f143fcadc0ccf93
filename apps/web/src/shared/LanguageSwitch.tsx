/**
 * 中文 / English. Before login the choice is remembered in this browser; once logged in it is
 * also saved on the user, so every device shows the same language.
 */
import type { Locale } from "@tradewind/domain";
import { App, Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { useMe, useSaveMyLocale } from "../features/auth/auth.queries.ts";
import { currentLocale, noteChoiceBeforeLogin, rememberLocale } from "../i18n/index.ts";
import { errorLine } from "./errors.ts";
import { localeOptions } from "./options.ts";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const save = useSaveMyLocale();

  const change = (locale: Locale) => {
    rememberLocale(locale);
    void i18n.changeLanguage(locale);
    if (!me) noteChoiceBeforeLogin(locale);
    else if (me.locale !== locale) {
      save.mutate(locale, { onError: (error) => void message.error(errorLine(error, t)) });
    }
  };

  return (
    <Segmented<Locale>
      data-testid="lang-switch"
      aria-label={t("language.label")}
      size="small"
      value={currentLocale()}
      onChange={change}
      options={localeOptions(t)}
    />
  );
}
