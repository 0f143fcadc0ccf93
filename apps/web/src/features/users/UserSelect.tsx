/**
 * Picks one or several people (a lead, zone members, an actor) by name or e-mail. Deactivated
 * users stay visible if already chosen, marked as such, but are not offered for new choices.
 */
import { Select } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useUserDirectory } from "./users.queries.ts";

interface BaseProps {
  placeholder?: string;
  allowInactive?: boolean;
  testId?: string;
  style?: React.CSSProperties;
}

interface SingleProps extends BaseProps {
  mode?: undefined;
  value?: string | null;
  onChange?: (value: string | null) => void;
}

interface MultipleProps extends BaseProps {
  mode: "multiple";
  value?: string[];
  onChange?: (value: string[]) => void;
}

export function UserSelect(props: SingleProps | MultipleProps) {
  const { t } = useTranslation();
  const directory = useUserDirectory();
  const chosen = useMemo(
    () => new Set(props.mode === "multiple" ? (props.value ?? []) : props.value ? [props.value] : []),
    [props.mode, props.value],
  );

  const options = useMemo(
    () =>
      directory.users
        .filter((user) => user.active || props.allowInactive || chosen.has(user.id))
        .map((user) => ({
          value: user.id,
          label: user.active ? user.name : `${user.name} (${t("users.inactive")})`,
          search: `${user.name} ${user.email}`,
        })),
    [directory.users, props.allowInactive, chosen, t],
  );

  const common = {
    showSearch: { optionFilterProp: "search" },
    allowClear: true,
    loading: directory.isPending,
    placeholder: props.placeholder ?? t("users.pickPerson"),
    options,
    style: props.style,
    "data-testid": props.testId,
    notFoundContent: directory.isError ? t("users.directoryUnavailable") : undefined,
  };

  if (props.mode === "multiple") {
    return (
      <Select<string[]>
        {...common}
        mode="multiple"
        value={props.value}
        onChange={(value) => props.onChange?.(value ?? [])}
        maxTagCount="responsive"
      />
    );
  }
  return (
    <Select<string>
      {...common}
      value={props.value ?? undefined}
      onChange={(value) => props.onChange?.(value ?? null)}
    />
  );
}
