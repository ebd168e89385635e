import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { paths } from '../config/paths';
import { InvitesPage } from '../features/accounts/routes/invites-page';
import { LogInPage } from '../features/accounts/routes/log-in-page';
import { SettingsPage } from '../features/accounts/routes/settings-page';
import { SignUpPage } from '../features/accounts/routes/sign-up-page';
import { useAuth, useMe } from '../features/accounts/auth/auth-context';
import { forgetGroupData } from '../features/groups/model/tab-storage';
import { forgetKeys, keysAfterSignIn, useKeys } from '../features/consultations/keys/key-store';
import { useModerationAccess } from '../features/moderation/api/moderation-access';
import { PublicOnly, RequireAuth, RequireRole } from './guards';
import { AppLayout } from './layout/app-layout';
import { HomePage } from './routes/home';
import { NotFoundPage } from './routes/not-found';
import { RouteError } from './routes/route-error';
import { WelcomePage } from './routes/welcome';

// The groups pages load on first visit: they bring the protocol schemas, which the rest of the app does not need.
const GroupsPage = lazy(() =>
  import('../features/groups/routes/groups-page').then((m) => ({ default: m.GroupsPage })),
);
const GroupPage = lazy(() =>
  import('../features/groups/routes/group-page').then((m) => ({ default: m.GroupPage })),
);
const JoinByCodePage = lazy(() =>
  import('../features/groups/routes/join-by-code-page').then((m) => ({ default: m.JoinByCodePage })),
);
const ModerationConsole = lazy(() =>
  import('../features/moderation/routes/moderation-console').then((m) => ({
    default: m.ModerationConsole,
  })),
);

// One-to-one support loads on first visit too (intake and profile bring the consultation schemas).
const SupportPage = lazy(() =>
  import('../features/consultations/routes/support-page').then((m) => ({ default: m.SupportPage })),
);
const AskSupportPage = lazy(() =>
  import('../features/consultations/routes/ask-page').then((m) => ({ default: m.AskSupportPage })),
);
const ReferPage = lazy(() =>
  import('../features/consultations/routes/refer-page').then((m) => ({ default: m.ReferPage })),
);
const ConsultantProfilePage = lazy(() =>
  import('../features/consultations/routes/profile-page').then((m) => ({
    default: m.ConsultantProfilePage,
  })),
);
const RecognitionPage = lazy(() =>
  import('../features/consultations/routes/recognition-page').then((m) => ({ default: m.RecognitionPage })),
);
const ConversationPage = lazy(() =>
  import('../features/consultations/routes/conversation-page').then((m) => ({
    default: m.ConversationPage,
  })),
);

// The wellness pulse and programme view load on first visit (they bring the wellness schemas).
const PulsePage = lazy(() =>
  import('../features/wellness/routes/pulse-page').then((m) => ({ default: m.PulsePage })),
);
const AboutPulsePage = lazy(() =>
  import('../features/wellness/routes/about-pulse-page').then((m) => ({ default: m.AboutPulsePage })),
);
const ProgrammePage = lazy(() =>
  import('../features/wellness/routes/programme-page').then((m) => ({ default: m.ProgrammePage })),
);

// Coordinators' first-run page (brings the settings schemas).
const SetupPage = lazy(() => import('./routes/setup').then((m) => ({ default: m.SetupPage })));

// The privacy page is public and loads on first visit (it brings the registry of stored data).
const PrivacyPage = lazy(() =>
  import('../features/privacy/privacy-page').then((m) => ({ default: m.PrivacyPage })),
);

function Loaded({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="loading" role="status">
          Loading…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

/** The groups pages see who is looking through props: features do not import each other. */
function GroupsRoute() {
  const me = useMe();
  return (
    <Loaded>
      <GroupsPage viewer={me} />
    </Loaded>
  );
}

function GroupRoute() {
  const me = useMe();
  return (
    <Loaded>
      <GroupPage viewer={me} />
    </Loaded>
  );
}

/**
 * Drafts and unsent group messages belong to whoever is logged in: once nobody is (logged out here or
 * elsewhere, session ended, or a reload after it expired), this tab forgets them.
 */
function ForgetWhenLoggedOut() {
  const { status } = useAuth();
  useEffect(() => {
    if (status === 'anonymous') forgetGroupData();
  }, [status]);
  return null;
}

function SupportRoute() {
  const me = useMe();
  return (
    <Loaded>
      <SupportPage viewer={me} />
    </Loaded>
  );
}

function AskSupportRoute() {
  const me = useMe();
  return (
    <Loaded>
      <AskSupportPage viewer={me} />
    </Loaded>
  );
}

function ConversationRoute() {
  const me = useMe();
  return (
    <Loaded>
      <ConversationPage viewer={me} />
    </Loaded>
  );
}

/** Everyone but coordinators may write in the feedback box (coordinators read it). */
function AboutPulseRoute() {
  const me = useMe();
  return (
    <Loaded>
      <AboutPulsePage canLeaveFeedback={me.role !== 'admin'} />
    </Loaded>
  );
}

/** The pulse uses the unlocked personal key (from one-to-one support) only to seal the teacher's own trend. */
function PulseRoute() {
  const me = useMe();
  const keys = useKeys(me);
  return (
    <Loaded>
      <PulsePage identity={keys.status === 'ready' ? keys.identity : null} keyStatus={keys.status} />
    </Loaded>
  );
}

/**
 * The unlocked one-to-one key belongs to whoever is logged in: once nobody is (log-out, session ended
 * elsewhere), it leaves memory and this browser's storage.
 */
function ForgetKeysWhenLoggedOut() {
  const { status } = useAuth();
  useEffect(() => {
    if (status === 'anonymous') forgetKeys();
  }, [status]);
  return null;
}

/** The moderator console: its own pages live under `/moderation/*` (see the feature's routes). */
function ModerationRoute() {
  const me = useMe();
  return (
    <Loaded>
      <ModerationConsole viewer={me} />
    </Loaded>
  );
}

function Shell() {
  // Re-renders the layout (and so the nav's "Moderation" item) when this account starts or stops moderating.
  useModerationAccess();
  return (
    <>
      <ForgetWhenLoggedOut />
      <ForgetKeysWhenLoggedOut />
      <AppLayout />
    </>
  );
}

/**
 * Every page, composed from the features. A new area is a route here plus an entry in `layout/nav-items.ts`.
 * The error boundary sits inside the layout, so a crashed page keeps the header and nav.
 */
const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <WelcomePage /> },
          {
            path: paths.privacy.path,
            element: (
              <Loaded>
                <PrivacyPage />
              </Loaded>
            ),
          },
          {
            path: paths.referSupport.path,
            element: (
              <Loaded>
                <ReferPage />
              </Loaded>
            ),
          },
          {
            element: <PublicOnly />,
            children: [
              // With the secrets of the passphrase just typed, the one-to-one key is unlocked (or made) right after.
              { path: paths.signUp.path, element: <SignUpPage afterSignIn={keysAfterSignIn} /> },
              { path: paths.logIn.path, element: <LogInPage afterSignIn={keysAfterSignIn} /> },
            ],
          },
          {
            element: <RequireAuth />,
            children: [
              { path: paths.home.path, element: <HomePage /> },
              { path: paths.settings.path, element: <SettingsPage /> },
              { path: paths.groups.path, element: <GroupsRoute /> },
              {
                path: paths.joinGroup.path,
                element: (
                  <Loaded>
                    <JoinByCodePage />
                  </Loaded>
                ),
              },
              { path: paths.group.path, element: <GroupRoute /> },
              { path: `${paths.moderation.path}/*`, element: <ModerationRoute /> },
              { path: paths.support.path, element: <SupportRoute /> },
              {
                path: paths.pulseAbout.path,
                element: <AboutPulseRoute />,
              },
              { path: paths.conversation.path, element: <ConversationRoute /> },
              {
                element: <RequireRole role="member" />,
                children: [
                  { path: paths.pulse.path, element: <PulseRoute /> },
                  {
                    path: paths.askSupport.path,
                    element: <AskSupportRoute />,
                  },
                ],
              },
              {
                element: <RequireRole role="consultant" />,
                children: [
                  {
                    path: paths.consultantProfile.path,
                    element: (
                      <Loaded>
                        <ConsultantProfilePage />
                      </Loaded>
                    ),
                  },
                  {
                    path: paths.consultantRecord.path,
                    element: (
                      <Loaded>
                        <RecognitionPage />
                      </Loaded>
                    ),
                  },
                ],
              },
              {
                element: <RequireRole role="admin" />,
                children: [
                  { path: paths.invites.path, element: <InvitesPage /> },
                  {
                    path: paths.setup.path,
                    element: (
                      <Loaded>
                        <SetupPage />
                      </Loaded>
                    ),
                  },
                  {
                    path: paths.programme.path,
                    element: (
                      <Loaded>
                        <ProgrammePage />
                      </Loaded>
                    ),
                  },
                ],
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
