/**
 * 看板: the customers as cards in columns A to E (and 未分级), under the list's filters. Dragging
 * a card to another column sets its grade by hand (PATCH with its version), exactly as choosing
 * the grade in the form would; a card's menu does the same without a mouse. Each column loads
 * its first 20 cards and more on demand. Native HTML5 drag and drop: no library needed.
 */
import { MoreOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import type { CustomerListItem, Grade } from "@tradewind/domain";
import { GRADES } from "@tradewind/domain";
import { App, Button, Card, Dropdown, Empty, Space, Spin, Typography } from "antd";
import { type DragEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../../api/client.ts";
import { holds } from "../../app/access.ts";
import { FullPageSpin } from "../../app/guards.tsx";
import { currentLocale } from "../../i18n/index.ts";
import { errorLine } from "../../shared/errors.ts";
import { PageHeader } from "../../shared/PageHeader.tsx";
import { useMe } from "../auth/auth.queries.ts";
import { GradeTag, NextActionDate } from "./CustomerBadges.tsx";
import { CustomerFilterBar } from "./CustomerFilterBar.tsx";
import { listQueryOf } from "./customerFilters.ts";
import {
  customersKey,
  useCustomerList,
  useUngradedCustomers,
  useUpdateCustomer,
} from "./customers.queries.ts";
import { useCustomerFilters } from "./useCustomerFilters.ts";
import { ViewSwitch } from "./ViewSwitch.tsx";
import { countryLabel, GRADE_COLORS, gradeLabel } from "./vocabulary.ts";

const CARDS_PER_LOAD = 20;
const DRAG_TYPE = "application/x-tradewind-customer";

type ColumnId = Grade | "none";

interface Dragged {
  customer: CustomerListItem;
  from: ColumnId;
}

interface CardProps {
  customer: CustomerListItem;
  column: ColumnId;
  canMove: boolean;
  onDragStart: (dragged: Dragged) => void;
  onDragEnd: () => void;
  onMove: (customer: CustomerListItem, grade: Grade) => void;
}

function CustomerCard({ customer, column, canMove, onDragStart, onDragEnd, onMove }: CardProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Card
      size="small"
      className="tw-board-card"
      draggable={canMove}
      onDragStart={(event: DragEvent<HTMLDivElement>) => {
        event.dataTransfer.setData(DRAG_TYPE, customer.id);
        event.dataTransfer.setData("text/plain", customer.companyName);
        event.dataTransfer.effectAllowed = "move";
        onDragStart({ customer, from: column });
      }}
      onDragEnd={onDragEnd}
      data-testid={`board-card-${customer.id}`}
    >
      <div className="tw-board-card-head">
        <Link to={`/customers/${customer.id}`} className="tw-board-card-title" draggable={false}>
          {customer.companyName}
        </Link>
        {canMove && (
          <Dropdown
            trigger={["click"]}
            menu={{
              items: GRADES.filter((grade) => grade !== customer.grade).map((grade) => ({
                key: grade,
                label: t("board.moveTo", { grade: gradeLabel(t, grade) }),
              })),
              onClick: ({ key }) => onMove(customer, key as Grade),
            }}
          >
            <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t("board.changeGrade")} />
          </Dropdown>
        )}
      </div>
      {customer.localName && (
        <div className="tw-muted tw-small" style={{ marginBottom: 4 }}>
          {customer.localName}
        </div>
      )}
      <div className="tw-small">
        {countryLabel(customer.country, locale)} · {customer.ownerName ?? "—"}
        {customer.gradeOverridden && (
          <>
            {" · "}
            <GradeTag grade={customer.grade} suggestedGrade={customer.suggestedGrade} overridden />
          </>
        )}
      </div>
      <div className="tw-small">
        <Typography.Text type="secondary">{t("board.next")} </Typography.Text>
        <NextActionDate date={customer.nextActionDate} action={customer.nextAction} />
      </div>
    </Card>
  );
}

interface ColumnProps {
  id: ColumnId;
  query: Record<string, string | number | boolean | undefined>;
  dragged: Dragged | null;
  canMove: boolean;
  onDragStart: (dragged: Dragged) => void;
  onDragEnd: () => void;
  onMove: (customer: CustomerListItem, grade: Grade) => void;
  /** Cards being moved, by id, with their new grade: shown in the new column before the server confirms. */
  moving: ReadonlyMap<string, { customer: CustomerListItem; to: Grade }>;
}

function BoardColumn({ id, query, dragged, canMove, onDragStart, onDragEnd, onMove, moving }: ColumnProps) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const graded = useCustomerList(
    { ...query, grade: id === "none" ? undefined : id },
    { pageSize: CARDS_PER_LOAD, enabled: id !== "none" },
  );
  const ungraded = useUngradedCustomers(query, CARDS_PER_LOAD, id === "none");
  const source = id === "none" ? ungraded : graded;
  const items = useMemo(() => {
    const loaded = (source.data?.pages.flatMap((page) => page.items) ?? []).filter(
      (item) => !moving.has(item.id) || moving.get(item.id)?.to === id,
    );
    const arriving = [...moving.values()]
      .filter((move) => move.to === id && !loaded.some((item) => item.id === move.customer.id))
      .map((move) => move.customer);
    return [...arriving, ...loaded];
  }, [source.data, moving, id]);
  const total = id === "none" ? null : (graded.data?.pages[0]?.total ?? null);
  // Dropping on 未分级 is not offered: a grade cannot be taken away, only set or left to the suggestion.
  const accepts = canMove && dragged !== null && id !== "none" && dragged.from !== id;

  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    // The card carries its version (the PATCH needs it); the id in the drag data guards against
    // a drop from elsewhere (another tab, a text selection).
    if (dragged && id !== "none" && event.dataTransfer.getData(DRAG_TYPE) === dragged.customer.id) {
      onMove(dragged.customer, id);
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop zone serves the mouse only; the card's grade menu is the keyboard way
    <div
      className={[
        "tw-board-column",
        accepts ? "tw-board-column-target" : "",
        accepts && over ? "tw-board-column-over" : "",
        id === "none" && !source.isPending && items.length === 0 ? "tw-board-column-narrow" : "",
      ].join(" ")}
      onDragOver={(event) => {
        if (!accepts) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        if (!over) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={accepts ? drop : undefined}
      data-testid={`board-column-${id}`}
    >
      <div className="tw-board-column-head">
        <Space size={6}>
          <span className="tw-board-dot" data-color={id === "none" ? "default" : GRADE_COLORS[id]} />
          <Typography.Text strong>{gradeLabel(t, id === "none" ? null : id)}</Typography.Text>
        </Space>
        <Typography.Text type="secondary" className="tw-small" data-testid={`board-count-${id}`}>
          {total !== null ? total : items.length}
        </Typography.Text>
      </div>
      <div className="tw-board-column-hint tw-small tw-muted">{t(`board.hint.${id}`)}</div>
      <div className="tw-board-cards">
        {source.isPending ? (
          <Spin />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("board.emptyColumn")} />
        ) : (
          items.map((customer) => (
            <CustomerCard
              key={customer.id}
              customer={customer}
              column={id}
              canMove={canMove}
              onDragStart={onDragStart}
              onDragEnd={onDragEnd}
              onMove={onMove}
            />
          ))
        )}
        {source.hasNextPage && (
          <Button
            block
            size="small"
            onClick={() => void source.fetchNextPage()}
            loading={source.isFetchingNextPage}
          >
            {t("list.loadMore")}
          </Button>
        )}
      </div>
    </div>
  );
}

export function CustomerBoardPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { data: me } = useMe();
  const { filters, setFilters } = useCustomerFilters();
  const [dragged, setDragged] = useState<Dragged | null>(null);
  const [moving, setMoving] = useState<ReadonlyMap<string, { customer: CustomerListItem; to: Grade }>>(
    new Map(),
  );
  const update = useUpdateCustomer();
  const queryClient = useQueryClient();
  // The columns are the grades: the board reads every grade unless the filter picks some.
  const query = useMemo(() => ({ ...listQueryOf(filters), grade: undefined }), [filters]);
  const columns: ColumnId[] = filters.grade.length > 0 ? filters.grade : [...GRADES, "none"];

  if (!me) return <FullPageSpin />;
  const canMove = holds(me, "customers.update");

  const move = (customer: CustomerListItem, grade: Grade) => {
    if (customer.grade === grade) return;
    // The card moves at once; the columns reload when the server has saved, then it stays put.
    const settle = () =>
      setMoving((current) => {
        const next = new Map(current);
        next.delete(customer.id);
        return next;
      });
    setMoving((current) =>
      new Map(current).set(customer.id, { customer: { ...customer, grade }, to: grade }),
    );
    update.mutate(
      { id: customer.id, version: customer.version, grade },
      {
        onSuccess: (saved) => {
          void message.success(
            saved.gradeOverridden && saved.suggestedGrade
              ? t("board.movedOverride", {
                  name: saved.companyName,
                  grade: gradeLabel(t, grade),
                  suggested: gradeLabel(t, saved.suggestedGrade),
                })
              : t("board.moved", { name: saved.companyName, grade: gradeLabel(t, grade) }),
          );
        },
        onError: (error) => {
          if (isApiError(error, 409)) {
            // Someone changed the customer since the board loaded: the refreshed board shows how.
            modal.info({ title: t("common.staleTitle"), content: t("board.staleText") });
            void queryClient.invalidateQueries({ queryKey: customersKey });
          } else {
            void message.error(errorLine(error, t));
          }
        },
        onSettled: settle,
      },
    );
  };

  return (
    <>
      <PageHeader
        title={t("board.title")}
        description={canMove ? t("board.intro") : t("board.introReadOnly")}
      />
      <CustomerFilterBar
        filters={filters}
        onChange={setFilters}
        me={me}
        extra={<ViewSwitch value="board" />}
      />
      <div className="tw-board" data-testid="customers-board">
        {columns.map((id) => (
          <BoardColumn
            key={id}
            id={id}
            query={query}
            dragged={dragged}
            canMove={canMove && !update.isPending}
            onDragStart={setDragged}
            onDragEnd={() => setDragged(null)}
            onMove={move}
            moving={moving}
          />
        ))}
      </div>
    </>
  );
}
