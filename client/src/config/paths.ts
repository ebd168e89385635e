/** Every route of the app, in one place. Link with `paths.x.getHref()`, never with a typed string. */
export const paths = {
  welcome: { path: '/', getHref: () => '/' },
  signUp: {
    path: '/signup',
    getHref: (invite?: string) => (invite ? `/signup?invite=${encodeURIComponent(invite)}` : '/signup'),
  },
  logIn: { path: '/login', getHref: () => '/login' },
  home: { path: '/home', getHref: () => '/home' },
  settings: { path: '/settings', getHref: () => '/settings' },
  invites: { path: '/invites', getHref: () => '/invites' },
} as const;
