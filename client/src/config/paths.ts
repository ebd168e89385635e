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
  groups: { path: '/groups', getHref: () => '/groups' },
  joinGroup: {
    path: '/groups/join',
    getHref: (code?: string) => (code ? `/groups/join?code=${encodeURIComponent(code)}` : '/groups/join'),
  },
  group: { path: '/groups/:id', getHref: (id: string) => `/groups/${encodeURIComponent(id)}` },
  /** The moderator console (the router mounts it at `/moderation/*`; its pages are the three below). */
  moderation: { path: '/moderation', getHref: () => '/moderation' },
  moderationGroups: { path: '/moderation/groups', getHref: () => '/moderation/groups' },
  moderationGroup: {
    path: '/moderation/groups/:groupId',
    getHref: (groupId: string) => `/moderation/groups/${encodeURIComponent(groupId)}`,
  },
  moderationAudit: { path: '/moderation/audit', getHref: () => '/moderation/audit' },
  /** One-to-one support: the teacher's request and conversations, the consultant's desk, coordinators' counts. */
  support: { path: '/support', getHref: () => '/support' },
  askSupport: { path: '/support/ask', getHref: () => '/support/ask' },
  /** Public: a link that suggests support with reasons prefilled (in the fragment; nothing is stored). */
  referSupport: { path: '/support/refer', getHref: () => '/support/refer' },
  consultantProfile: { path: '/support/profile', getHref: () => '/support/profile' },
  /** Hours and teachers supported, for professional-development credit (counts only). */
  consultantRecord: { path: '/support/record', getHref: () => '/support/record' },
  conversation: {
    path: '/support/conversations/:id',
    getHref: (id: string) => `/support/conversations/${encodeURIComponent(id)}`,
  },
  /** The weekly wellness pulse (teachers), what it asks and why (everyone), the programme view (coordinators). */
  pulse: { path: '/pulse', getHref: () => '/pulse' },
  pulseAbout: { path: '/pulse/about', getHref: () => '/pulse/about' },
  programme: { path: '/programme', getHref: () => '/programme' },
  /** Coordinators' first run: checklist, starter groups, crisis contacts. */
  setup: { path: '/setup', getHref: () => '/setup' },
  /** What is stored, for how long, who sees it (public; generated from the registry of stored data). */
  privacy: { path: '/privacy', getHref: () => '/privacy' },
} as const;
