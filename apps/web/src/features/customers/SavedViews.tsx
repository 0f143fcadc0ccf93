/**
 * Saved views of the customer list: the current filters, sort and columns under a name
 * ("德国 A 级", "本周逾期"), one click to return to them, and deleting those no longer needed.
 * A view stores the list's URL query, the same text a shared link carries.
 */
import { DeleteOutlined, EyeOutlined } from "@ant-design/icons";
import { App, Button, Empty, Input, Popconfirm, Popover, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { errorLine } from "../../shared/errors.ts";
import { isColumnKey } from "./ColumnChooser.tsx";
import type { ColumnKey } from "./CustomerTable.tsx";
import { type SavedView, useDeleteView, useSavedViews, useSaveView } from "./customers.queries.ts";

const AREA = "customers";

export interface ViewState {
  query: string;
  columns: ColumnKey[];
}

function stateOf(view: SavedView): ViewState {
  const { query, columns } = view.state;
  return {
    query: typeof query === "string" ? query : "",
    columns: Array.isArray(columns) ? columns.filter(isColumnKey) : [],
  };
}

interface Props {
  current: ViewState;
  onApply: (state: ViewState) => void;
}

export function SavedViews({ current, onApply }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const views = useSavedViews(AREA);
  const save = useSaveView(AREA);
  const remove = useDeleteView(AREA);
  const items = views.data?.items ?? [];

  const submit = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    // Saving under a name in use replaces that view: a rep updates "本周逾期" rather than collecting copies.
    const replaced = items.find((view) => view.name === trimmed);
    save.mutate(
      { name: trimmed, state: { query: current.query, columns: current.columns } },
      {
        onSuccess: () => {
          setName("");
          if (replaced) remove.mutate(replaced.id);
          void message.success(
            t(replaced ? "customers.viewReplaced" : "customers.viewSaved", { name: trimmed }),
          );
        },
      },
    );
  };

  const content = (
    <div style={{ width: 300 }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customers.viewsEmpty")} />
      ) : (
        <div className="tw-view-list">
          {items.map((view) => (
            <div key={view.id} className="tw-view-row">
              <Typography.Link
                onClick={() => {
                  onApply(stateOf(view));
                  setOpen(false);
                }}
                data-testid={`saved-view-${view.name}`}
              >
                {view.name}
              </Typography.Link>
              <Popconfirm
                title={t("customers.viewDeleteTitle", { name: view.name })}
                okText={t("common.delete")}
                okButtonProps={{ danger: true }}
                cancelText={t("common.cancel")}
                onConfirm={() =>
                  remove.mutate(view.id, { onError: (error) => void message.error(errorLine(error, t)) })
                }
              >
                <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t("common.delete")} />
              </Popconfirm>
            </div>
          ))}
        </div>
      )}
      <div className="tw-view-save">
        <Typography.Text type="secondary" className="tw-small">
          {t("customers.viewSaveHint")}
        </Typography.Text>
        <Space.Compact style={{ width: "100%" }}>
          <Input
            value={name}
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
            onPressEnter={submit}
            placeholder={t("customers.viewNamePlaceholder")}
            data-testid="view-name"
          />
          <Button
            type="primary"
            onClick={submit}
            loading={save.isPending}
            disabled={!name.trim()}
            data-testid="view-save"
          >
            {t("customers.viewSave")}
          </Button>
        </Space.Compact>
        {save.isError && <ErrorAlert error={save.error} />}
      </div>
    </div>
  );

  return (
    <Popover
      content={content}
      title={t("customers.viewsTitle")}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
    >
      <Button icon={<EyeOutlined />} data-testid="saved-views">
        {t("customers.viewsButton")}
      </Button>
    </Popover>
  );
}
