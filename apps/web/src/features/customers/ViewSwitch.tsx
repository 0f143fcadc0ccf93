/** 列表 / 看板: the same customers, with the same filters, as a table or as cards by grade. */
import { AppstoreOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";

type View = "list" | "board";

export function ViewSwitch({ value }: { value: View }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { search } = useLocation();
  return (
    <Segmented<View>
      value={value}
      onChange={(next) =>
        void navigate({ pathname: next === "board" ? "/customers/board" : "/customers", search })
      }
      options={[
        { value: "list", label: t("customers.viewList"), icon: <UnorderedListOutlined /> },
        { value: "board", label: t("customers.viewBoard"), icon: <AppstoreOutlined /> },
      ]}
      data-testid="view-switch"
    />
  );
}
