import { useEffect, type ReactNode } from 'react';

/**
 * The page's one `<h1>`. It can take focus (`tabIndex=-1`) so the layout moves focus here after a route
 * change, and it names the browser tab.
 */
export function PageTitle({ children, documentTitle }: { children: ReactNode; documentTitle: string }) {
  useEffect(() => {
    document.title = `${documentTitle} · Staffroom`;
  }, [documentTitle]);
  return (
    <h1 className="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
