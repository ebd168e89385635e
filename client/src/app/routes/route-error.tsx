import { PageTitle } from '../../components/page-title';

/** Shown in place of a page that crashed; the header and nav stay usable. */
export function RouteError() {
  return (
    <>
      <PageTitle documentTitle="Something went wrong">Something went wrong</PageTitle>
      <p>This page ran into a problem it could not recover from. Reloading usually helps.</p>
      <p>
        <a href={location.pathname}>Reload the page</a>
      </p>
    </>
  );
}
