/**
 * What a form does when saving fails: field messages go under their fields; a stale version
 * (someone else saved first) offers to reload the record; anything else is left to the form's alert.
 */
import { App, type FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import { type FieldPath, isStaleVersion, showFieldErrors } from "./errors.ts";

export function useSaveErrorHandler() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  return (
    error: unknown,
    form: FormInstance,
    reload: () => void,
    fieldOf?: (path: FieldPath) => FieldPath | null,
  ) => {
    if (isStaleVersion(error)) {
      modal.confirm({
        title: t("common.staleTitle"),
        // The server says the same in English; the translated explanation is enough here.
        content: t("common.staleText"),
        okText: t("common.reload"),
        cancelText: t("common.cancel"),
        onOk: reload,
      });
      return;
    }
    showFieldErrors(form, error, fieldOf);
  };
}
