import { Navigate, Outlet, useLocation, type Location } from 'react-router';
import type { Role } from '@staffroom/shared/schemas/accounts';
import { PageTitle } from '../components/page-title';
import { paths } from '../config/paths';
import { useAuth } from '../features/accounts/auth/auth-context';
import { ROLE_TEXT } from '../features/accounts/roles';

function Loading() {
  return (
    <p className="loading" role="status">
      Loading…
    </p>
  );
}

/** Pages for logged-in people: anyone else goes to the log-in page, and comes back here afterwards. */
export function RequireAuth() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'anonymous')
    return <Navigate to={paths.logIn.getHref()} replace state={{ from: location }} />;
  return <Outlet />;
}

/** Sign-up and log-in: once logged in, go where you were headed (or home). */
export function PublicOnly() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'authenticated') {
    const from = (location.state as { from?: Location } | null)?.from;
    return <Navigate to={from ?? paths.home.getHref()} replace />;
  }
  return <Outlet />;
}

/** Pages for one role. The server refuses the API calls too; this only spares people a page that cannot work. */
export function RequireRole({ role }: { role: Role }) {
  const { me } = useAuth();
  if (me?.role === role) return <Outlet />;
  return (
    <>
      <PageTitle documentTitle="Not available">Not available to you</PageTitle>
      <p>This page is for {ROLE_TEXT[role].name.toLowerCase()}s only.</p>
    </>
  );
}
