import type { ReactNode } from 'react';

/** A page-wide message; `alert` for problems that stop the dashboard, `status` for notices. */
export function Banner({
  tone,
  title,
  children,
  actions,
}: {
  tone: 'error' | 'warning' | 'info';
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'} aria-label={title}>
      <div className="banner-text">
        <strong>{title}</strong>
        {children}
      </div>
      {actions ? <div className="banner-actions">{actions}</div> : null}
    </section>
  );
}
