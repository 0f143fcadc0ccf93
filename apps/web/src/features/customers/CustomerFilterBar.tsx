/**
 * The filters above the customer list, the board and the pool: a search box (sent once the user
 * pauses typing), the filters reps use daily (grade, country) in view, and every other dimension
 * one click away under "more filters". Every change goes straight into the URL via `onChange`.
 */
import { ClearOutlined, FilterOutlined, SearchOutlined } from "@ant-design/icons";
import { Badge, Button, Checkbox, DatePicker, Input, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../api/types.ts";
import { currentLocale } from "../../i18n/index.ts";
import { useDebounced } from "../../shared/useDebounced.ts";
import { useTeams } from "../org/org.queries.ts";
import { useUserOptions } from "../users/users.queries.ts";
import {
  activeFilterCount,
  type CustomerFilters,
  EMPTY_FILTERS,
  MIN_SEARCH_LENGTH,
} from "./customerFilters.ts";
import { useCustomerTags } from "./customers.queries.ts";
import {
  countryOptions,
  dealStatusOptions,
  demandOptions,
  gradeOptions,
  importanceOptions,
  matchesCountry,
  sourceOptions,
  urgencyOptions,
} from "./vocabulary.ts";

interface Props {
  filters: CustomerFilters;
  onChange: (filters: CustomerFilters) => void;
  me: Me;
  /** The pool has no owners: its bar leaves out owner, team and overdue follow-ups. */
  pool?: boolean;
  /** Controls on the right: view switch, columns, saved views. */
  extra?: ReactNode;
}

type KeyAccountChoice = "any" | "yes" | "no";

/** Filters set inside the "more filters" panel (grade and country sit beside it): for its badge. */
function panelFilterCount(filters: CustomerFilters): number {
  return (
    activeFilterCount(filters) - (filters.grade.length > 0 ? 1 : 0) - (filters.country.length > 0 ? 1 : 0)
  );
}

/** The name of a filter inside its box, so a chosen value ("A 级") still says which filter it is. */
function FilterLabel({ text }: { text: string }) {
  return <span className="tw-filter-label">{text}</span>;
}

function rangeValue(range: [string, string] | null): [Dayjs, Dayjs] | null {
  return range ? [dayjs(range[0]), dayjs(range[1])] : null;
}

function rangeOf(values: [Dayjs | null, Dayjs | null] | null): [string, string] | null {
  const [from, to] = values ?? [null, null];
  return from && to ? [from.format("YYYY-MM-DD"), to.format("YYYY-MM-DD")] : null;
}

export function CustomerFilterBar({ filters, onChange, me, pool = false, extra }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const wide = me.dataScope !== "own" && !pool;
  const [expanded, setExpanded] = useState(() => panelFilterCount(filters) > 0);
  const users = useUserOptions(wide && expanded);
  const teams = useTeams();
  const tags = useCustomerTags();

  // The box shows every keystroke; the list follows once typing pauses, so each letter does not
  // start a search. A link or saved view that changes `q` resets the box.
  const [text, setText] = useState(filters.q);
  const settled = useDebounced(text, 350);
  useEffect(() => setText(filters.q), [filters.q]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to the settled text only; filters are read fresh
  useEffect(() => {
    if (settled !== filters.q) onChange({ ...filters, q: settled });
  }, [settled]);
  const tooShort = text.trim().length > 0 && text.trim().length < MIN_SEARCH_LENGTH;

  const set = <Key extends keyof CustomerFilters>(key: Key, value: CustomerFilters[Key]) =>
    onChange({ ...filters, [key]: value });
  const count = activeFilterCount(filters);
  const hidden = panelFilterCount(filters);
  const keyAccount: KeyAccountChoice =
    filters.keyAccount === null ? "any" : filters.keyAccount ? "yes" : "no";

  return (
    <div className="tw-filter-bar">
      <div className="tw-toolbar tw-filter-main">
        <div>
          <Input
            allowClear
            prefix={<SearchOutlined className="tw-muted" />}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onPressEnter={() => onChange({ ...filters, q: text })}
            placeholder={t("customers.searchPlaceholder")}
            style={{ width: 320 }}
            status={tooShort ? "warning" : undefined}
            data-testid="customers-search"
            aria-label={t("customers.searchPlaceholder")}
            aria-describedby="customers-search-hint"
          />
          <div id="customers-search-hint" className="tw-small tw-filter-hint">
            {tooShort ? (
              <Typography.Text type="warning">
                {t("customers.searchTooShort", { min: MIN_SEARCH_LENGTH })}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t("customers.searchHint")}</Typography.Text>
            )}
          </div>
        </div>
        <Select
          mode="multiple"
          allowClear
          value={filters.grade}
          onChange={(value) => set("grade", value)}
          options={gradeOptions(t)}
          prefix={<FilterLabel text={t("customers.filterGrade")} />}
          placeholder={t("customers.filterAny")}
          style={{ minWidth: 190 }}
          maxTagCount="responsive"
          data-testid="filter-grade"
        />
        <Select
          mode="multiple"
          allowClear
          value={filters.country}
          onChange={(value) => set("country", value)}
          options={countryOptions(locale)}
          showSearch={{ filterOption: matchesCountry }}
          prefix={<FilterLabel text={t("customers.filterCountry")} />}
          placeholder={t("customers.filterAny")}
          style={{ minWidth: 230 }}
          maxTagCount="responsive"
          data-testid="filter-country"
        />
        <Badge count={hidden} size="small" offset={[-4, 4]}>
          <Button
            icon={<FilterOutlined />}
            onClick={() => setExpanded(!expanded)}
            type={expanded ? "primary" : "default"}
            ghost={expanded}
            data-testid="filters-more"
          >
            {t("customers.moreFilters")}
          </Button>
        </Badge>
        {(count > 0 || filters.q) && (
          <Button
            type="link"
            icon={<ClearOutlined />}
            onClick={() => onChange({ ...EMPTY_FILTERS, sort: filters.sort })}
          >
            {t("customers.clearFilters")}
          </Button>
        )}
        <div className="tw-header-spacer" />
        {extra}
      </div>
      {expanded && (
        <div className="tw-filter-panel" data-testid="filters-panel">
          <Select
            mode="multiple"
            allowClear
            value={filters.urgency}
            onChange={(value) => set("urgency", value)}
            options={urgencyOptions(t)}
            prefix={<FilterLabel text={t("customers.filterUrgency")} />}
            placeholder={t("customers.filterAny")}
            maxTagCount="responsive"
            data-testid="filter-urgency"
          />
          <Select
            mode="multiple"
            allowClear
            value={filters.dealStatus}
            onChange={(value) => set("dealStatus", value)}
            options={dealStatusOptions(t)}
            prefix={<FilterLabel text={t("customers.filterDealStatus")} />}
            placeholder={t("customers.filterAny")}
            maxTagCount="responsive"
          />
          <Select
            mode="multiple"
            allowClear
            value={filters.demand}
            onChange={(value) => set("demand", value)}
            options={demandOptions(t)}
            prefix={<FilterLabel text={t("customers.filterDemand")} />}
            placeholder={t("customers.filterAny")}
            maxTagCount="responsive"
          />
          <Select
            mode="multiple"
            allowClear
            value={filters.importance}
            onChange={(value) => set("importance", value)}
            options={importanceOptions(t)}
            prefix={<FilterLabel text={t("customers.filterImportance")} />}
            placeholder={t("customers.filterAny")}
            maxTagCount="responsive"
          />
          <Select
            mode="multiple"
            allowClear
            value={filters.source}
            onChange={(value) => set("source", value)}
            options={sourceOptions(t)}
            prefix={<FilterLabel text={t("customers.filterSource")} />}
            placeholder={t("customers.filterAny")}
            maxTagCount="responsive"
          />
          <Select
            mode="multiple"
            allowClear
            value={filters.tag}
            onChange={(value) => set("tag", value)}
            options={(tags.data?.items ?? []).map((tag) => ({ value: tag, label: tag }))}
            prefix={<FilterLabel text={t("customers.filterTag")} />}
            placeholder={t("customers.filterAny")}
            maxTagCount="responsive"
            notFoundContent={t("customers.noTagsYet")}
          />
          <Select<KeyAccountChoice>
            prefix={<FilterLabel text={t("customers.keyAccount")} />}
            value={keyAccount}
            onChange={(value) => set("keyAccount", value === "any" ? null : value === "yes")}
            options={[
              { value: "any", label: t("customers.keyAccountAny") },
              { value: "yes", label: t("customers.keyAccountOnly") },
              { value: "no", label: t("customers.keyAccountNot") },
            ]}
          />
          {wide && (
            <Select
              mode="multiple"
              allowClear
              value={filters.ownerId}
              onChange={(value) => set("ownerId", value)}
              options={users.options.map((user) => ({ value: user.id, label: user.name }))}
              showSearch={{ optionFilterProp: "label" }}
              loading={users.isPending}
              prefix={<FilterLabel text={t("customers.filterOwner")} />}
              placeholder={t("customers.filterAny")}
              maxTagCount="responsive"
            />
          )}
          {wide && (
            <Select
              allowClear
              value={filters.teamId ?? undefined}
              onChange={(value) => set("teamId", value ?? null)}
              options={teams.items.map((team) => ({ value: team.id, label: team.name }))}
              prefix={<FilterLabel text={t("customers.filterTeam")} />}
              placeholder={t("customers.filterAny")}
            />
          )}
          <DatePicker.RangePicker
            prefix={<FilterLabel text={t("customers.filterCreated")} />}
            value={rangeValue(filters.created)}
            onChange={(values) => set("created", rangeOf(values))}
            allowEmpty={[false, false]}
          />
          <DatePicker.RangePicker
            prefix={<FilterLabel text={t("customers.filterUpdated")} />}
            value={rangeValue(filters.updated)}
            onChange={(values) => set("updated", rangeOf(values))}
            allowEmpty={[false, false]}
          />
          {!pool && (
            <Checkbox
              checked={filters.overdue}
              onChange={(event) => set("overdue", event.target.checked)}
              data-testid="filter-overdue"
            >
              {t("customers.filterOverdue")}
            </Checkbox>
          )}
        </div>
      )}
    </div>
  );
}
