import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { paths } from '../../config/paths';

export function NotFoundPage() {
  return (
    <>
      <PageTitle documentTitle="Page not found">Page not found</PageTitle>
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link to={paths.welcome.getHref()}>Go to the start page</Link>
      </p>
    </>
  );
}
