import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { paths } from '../config/paths';
import { InvitesPage } from '../features/accounts/routes/invites-page';
import { LogInPage } from '../features/accounts/routes/log-in-page';
import { SettingsPage } from '../features/accounts/routes/settings-page';
import { SignUpPage } from '../features/accounts/routes/sign-up-page';
import { PublicOnly, RequireAuth, RequireRole } from './guards';
import { AppLayout } from './layout/app-layout';
import { HomePage } from './routes/home';
import { NotFoundPage } from './routes/not-found';
import { RouteError } from './routes/route-error';
import { WelcomePage } from './routes/welcome';

/**
 * Every page, composed from the features. A new area is a route here plus an entry in `layout/nav-items.ts`.
 * The error boundary sits inside the layout, so a crashed page keeps the header and nav.
 */
const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <WelcomePage /> },
          {
            element: <PublicOnly />,
            children: [
              { path: paths.signUp.path, element: <SignUpPage /> },
              { path: paths.logIn.path, element: <LogInPage /> },
            ],
          },
          {
            element: <RequireAuth />,
            children: [
              { path: paths.home.path, element: <HomePage /> },
              { path: paths.settings.path, element: <SettingsPage /> },
              {
                element: <RequireRole role="admin" />,
                children: [{ path: paths.invites.path, element: <InvitesPage /> }],
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
