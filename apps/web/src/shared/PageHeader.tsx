/** A page's title, a line saying what the page is for, and its main actions on the right. */
import { Typography } from "antd";
import type { ReactNode } from "react";
import { useDocumentTitle } from "./useDocumentTitle.ts";

interface Props {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
}

export function PageHeader({ title, description, extra }: Props) {
  useDocumentTitle(title);
  return (
    <div className="tw-page-header">
      <div>
        <Typography.Title level={3}>{title}</Typography.Title>
        {description && <Typography.Text type="secondary">{description}</Typography.Text>}
      </div>
      {extra && <div>{extra}</div>}
    </div>
  );
}
