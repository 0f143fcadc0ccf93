/** Cursor paging under a list: how many rows are shown, and a button for the next page if there is one. */
import { Button } from "antd";
import { useTranslation } from "react-i18next";

interface Props {
  shown: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

export function LoadMore({ shown, hasMore, loading, onLoadMore }: Props) {
  const { t } = useTranslation();
  if (shown === 0) return null;
  return (
    <div className="tw-load-more">
      <span className="tw-muted">
        {hasMore ? t("list.shownMore", { count: shown }) : t("list.shownAll", { count: shown })}
      </span>
      {hasMore && (
        <Button onClick={onLoadMore} loading={loading} data-testid="load-more">
          {t("list.loadMore")}
        </Button>
      )}
    </div>
  );
}
