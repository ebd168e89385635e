import type { ReactNode } from 'react';
import './alert.css';

/** Something went wrong: announced at once by screen readers (`role="alert"`). */
export function Alert({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <div role="alert" className="notice notice--error">
      {title && <p className="notice__title">{title}</p>}
      <div>{children}</div>
    </div>
  );
}

/** Information or success: announced politely, after what the reader is saying (`role="status"`). */
export function Status({
  tone = 'info',
  title,
  children,
}: {
  tone?: 'info' | 'success';
  title?: string;
  children: ReactNode;
}) {
  return (
    <div role="status" className={`notice notice--${tone}`}>
      {title && <p className="notice__title">{title}</p>}
      <div>{children}</div>
    </div>
  );
}
