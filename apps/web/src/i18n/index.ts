/**
 * Languages of the app: zh-CN (default, the users' own words) and en-US (complete). Changing the
 * language here also switches dayjs, so dates follow; Ant Design follows through ConfigProvider.
 * Before anyone logs in the choice lives in localStorage; afterwards on the user (PATCH /auth/me).
 */
import { LOCALES, type Locale } from "@tradewind/domain";
import dayjs from "dayjs";
import "dayjs/locale/en";
import "dayjs/locale/zh-cn";
import localizedFormat from "dayjs/plugin/localizedFormat";
import relativeTime from "dayjs/plugin/relativeTime";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import enUS from "./en-US.json";
import zhCN from "./zh-CN.json";

dayjs.extend(localizedFormat);
dayjs.extend(relativeTime);

export const DEFAULT_LOCALE: Locale = "zh-CN";
const STORAGE_KEY = "tradewind.locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice then lasts for this page only.
  }
}

let choiceBeforeLogin: Locale | null = null;

/** Remembers a language picked on the login page, to be saved on the user once logged in. */
export function noteChoiceBeforeLogin(locale: Locale): void {
  choiceBeforeLogin = locale;
}

/** The language picked before login (once), or null. */
export function takeChoiceBeforeLogin(): Locale | null {
  const choice = choiceBeforeLogin;
  choiceBeforeLogin = null;
  return choice;
}

/** The language the app shows now. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

function applyLocale(locale: string): void {
  dayjs.locale(locale === "en-US" ? "en" : "zh-cn");
  document.documentElement.lang = locale;
}

i18n.on("languageChanged", applyLocale);

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhCN }, "en-US": { translation: enUS } },
  lng: storedLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyLocale(i18n.language);

export default i18n;
