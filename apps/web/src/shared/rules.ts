/**
 * Client-side form rules matching the server's (packages/domain contracts), so people see the
 * problem before they submit: a valid e-mail, passwords of at least 10 characters.
 */
import type { FormRule } from "antd";
import type { TFunction } from "i18next";

export const MIN_PASSWORD_LENGTH = 10;

export function emailRules(t: TFunction): FormRule[] {
  return [
    { required: true, whitespace: true, message: t("validation.emailRequired") },
    { type: "email", message: t("validation.email") },
    { max: 254, message: t("validation.tooLong", { max: 254 }) },
  ];
}

/** A required name; `person` words the message for a person's name (姓名) rather than a thing's (名称). */
export function nameRules(t: TFunction, max = 100, person = false): FormRule[] {
  return [
    {
      required: true,
      whitespace: true,
      message: person ? t("validation.personNameRequired") : t("validation.nameRequired"),
    },
    { max, message: t("validation.tooLong", { max }) },
  ];
}

export function newPasswordRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t("validation.passwordRequired") },
    { min: MIN_PASSWORD_LENGTH, message: t("validation.passwordMin", { min: MIN_PASSWORD_LENGTH }) },
    { max: 256, message: t("validation.tooLong", { max: 256 }) },
  ];
}

/** "Repeat the password": must equal the field named `field`. */
export function repeatPasswordRules(t: TFunction, field: string): FormRule[] {
  return [
    { required: true, message: t("validation.repeatRequired") },
    ({ getFieldValue }) => ({
      validator: (_rule, value: unknown) =>
        !value || getFieldValue(field) === value
          ? Promise.resolve()
          : Promise.reject(new Error(t("validation.repeatMismatch"))),
    }),
  ];
}
