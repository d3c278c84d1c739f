import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** The one h1 of a screen (screen readers navigate by it), sized for an app rather than a document. */
export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-title">
      <Typography.Title level={1}>{children}</Typography.Title>
      {extra ? <div className="page-title-extra">{extra}</div> : null}
    </div>
  );
}
