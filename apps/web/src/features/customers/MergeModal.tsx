/**
 * 合并: two records of one company become one. The other customer's contacts, follow-ups and
 * history move onto this one, empty fields are filled from it, and the other record disappears;
 * the confirmation says so by name before anything happens.
 */
import type { CustomerListItem } from "@tradewind/domain";
import { Alert, App, Modal, Select, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLocale } from "../../i18n/index.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { useDebounced } from "../../shared/useDebounced.ts";
import { MIN_SEARCH_LENGTH } from "./customerFilters.ts";
import { useCustomerList, useMergeCustomer } from "./customers.queries.ts";
import { countryLabel } from "./vocabulary.ts";

interface Props {
  open: boolean;
  survivor: { id: string; companyName: string };
  onClose: () => void;
}

export function MergeModal({ open, survivor, onClose }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const locale = currentLocale();
  const [search, setSearch] = useState("");
  const [picked, setPicked] = useState<CustomerListItem | null>(null);
  const query = useDebounced(search.trim(), 300);
  const list = useCustomerList(
    { q: query, sort: "companyName" },
    { pageSize: 20, enabled: open && query.length >= MIN_SEARCH_LENGTH },
  );
  const merge = useMergeCustomer();
  const options = useMemo(
    () =>
      (list.data?.pages[0]?.items ?? [])
        .filter((item) => item.id !== survivor.id)
        .map((item) => ({
          value: item.id,
          label: `${item.companyName}${item.localName ? ` (${item.localName})` : ""} · ${countryLabel(item.country, locale)} · ${item.ownerName ?? "—"}`,
          item,
        })),
    [list.data, survivor.id, locale],
  );

  const close = () => {
    setSearch("");
    setPicked(null);
    merge.reset();
    onClose();
  };

  const confirm = () => {
    if (!picked) return;
    modal.confirm({
      title: t("merge.confirmTitle"),
      content: t("merge.confirmText", { source: picked.companyName, target: survivor.companyName }),
      okText: t("merge.submit"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () =>
        merge.mutateAsync({ id: survivor.id, sourceId: picked.id }).then(
          () => {
            void message.success(t("merge.done", { source: picked.companyName }));
            close();
          },
          () => undefined,
        ),
    });
  };

  return (
    <Modal
      open={open}
      title={t("merge.title", { name: survivor.companyName })}
      okText={t("merge.submit")}
      okButtonProps={{ disabled: !picked, danger: true }}
      cancelText={t("common.cancel")}
      onOk={confirm}
      onCancel={close}
      confirmLoading={merge.isPending}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Alert type="info" showIcon title={t("merge.intro", { name: survivor.companyName })} />
        {merge.isError && <ErrorAlert error={merge.error} />}
        <Typography.Text>{t("merge.pick")}</Typography.Text>
        <Select
          showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
          value={picked?.id}
          onChange={(_value, option) => setPicked(Array.isArray(option) ? null : (option?.item ?? null))}
          options={options}
          loading={list.isFetching}
          style={{ width: "100%" }}
          placeholder={t("merge.searchPlaceholder")}
          notFoundContent={
            query.length < MIN_SEARCH_LENGTH
              ? t("customers.searchTooShort", { min: MIN_SEARCH_LENGTH })
              : t("merge.noMatch")
          }
          data-testid="merge-pick"
        />
        {picked && (
          <Alert
            type="warning"
            showIcon
            title={t("merge.warning", { source: picked.companyName, target: survivor.companyName })}
          />
        )}
      </Space>
    </Modal>
  );
}
