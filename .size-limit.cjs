// Size budgets per widget entry (brotli). "own code": every dependency left out;
// "with dependencies": everything but the peers (react, react-dom, react-query);
// "embedded": what a host ships for one widget — provider + createClient + the widget.
//
// Issue #15: ≤ 40 kB embedded for every widget. The "own code" and "with dependencies"
// limits are each widget's measured figure rounded up by about 0.5 kB (README "Sizes"),
// so growth shows up in review instead of piling up under a generous ceiling.
const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'];
const all = [...peers, '@session-links/client', '@session-links/core', 'zod'];
// `providerFrom`: where the host imports SessionLinksProvider from (the widget's own subpath when it exports it).
// `own` / `deps`: the widget's "own code" and "with dependencies" limits.
const widget = (name, path, { own, deps }, providerFrom = 'packages/react/dist/index.js') => [
  { name: `${name} — own code`, path, import: `{ ${name} }`, ignore: all, limit: own },
  { name: `${name} — with dependencies`, path, import: `{ ${name} }`, ignore: peers, limit: deps },
  // What a host embedding this one widget ships (issue #15): the provider, the client and the
  // widget, with its own strings only (English and Dutch); the peers are the host's.
  {
    name: `${name} — embedded (provider + client + widget)`,
    path: [...new Set([path, providerFrom]), 'packages/client/dist/index.js'],
    import:
      providerFrom === path
        ? { [path]: `{ ${name}, SessionLinksProvider }`, 'packages/client/dist/index.js': '{ createClient }' }
        : { [path]: `{ ${name} }`, [providerFrom]: '{ SessionLinksProvider }', 'packages/client/dist/index.js': '{ createClient }' },
    ignore: peers,
    limit: '40 kB',
  },
];

module.exports = [
  ...widget(
    'ProviderPicker',
    'packages/react/dist/provider-picker/index.js',
    { own: '19.8 kB', deps: '35.4 kB' },
    'packages/react/dist/provider-picker/index.js',
  ),
  ...widget(
    'StaffAccountEditor',
    'packages/react/dist/staff-account-editor/index.js',
    { own: '21.6 kB', deps: '37.1 kB' },
    'packages/react/dist/staff-account-editor/index.js',
  ),
  ...widget(
    'PersonalSessionsAction',
    'packages/react/dist/personal-sessions-action/index.js',
    { own: '22 kB', deps: '37.5 kB' },
    'packages/react/dist/personal-sessions-action/index.js',
  ),
  ...widget('SessionLinkEditor', 'packages/react/dist/session-link-editor/index.js', { own: '20.6 kB', deps: '36.2 kB' }),
  ...widget('CourseLinkEditor', 'packages/react/dist/course-link-editor/index.js', { own: '16.9 kB', deps: '32.4 kB' }),
  ...widget('SessionsOverview', 'packages/react/dist/sessions-overview/index.js', { own: '23 kB', deps: '38.6 kB' }),
  ...widget('EmailBlockEditor', 'packages/react/dist/email-block-editor/index.js', { own: '17.8 kB', deps: '33.5 kB' }),
  ...widget(
    'ServiceVideoSwitch',
    'packages/react/dist/service-video-switch/index.js',
    { own: '14.5 kB', deps: '29.3 kB' },
    'packages/react/dist/service-video-switch/index.js',
  ),
  {
    name: '@session-links/react/query — server-safe keys and option factories, with dependencies',
    path: 'packages/react/dist/query/index.js',
    import: '*',
    ignore: peers,
    limit: '17 kB',
  },
  {
    name: '@session-links/react — everything, with dependencies',
    path: 'packages/react/dist/index.js',
    import: '*',
    ignore: peers,
    // 53.54 kB + the ServiceVideoSwitch (its parts, strings in both locales and query options)
    // + the contract's booking e-mail operation (R28) and the preview's one rendering
    // + telling clients (R29: "Tell them now", who was told, the notice policy)
    // + Google Meet and Teams in the account flows (R31): 61.91 kB.
    limit: '62.5 kB',
  },
  // The default theme, minified and brotlied as a host's bundler ships it. Issue 21: holding
  // under a host's stylesheet (two-class weight, all: revert inside widgets) took it from
  // 4.07 kB to 4.26 kB.
  { name: '@session-links/react/styles.css', path: 'packages/react/dist/styles.css', limit: '4.75 kB' },
  { name: '@session-links/client — createClient', path: 'packages/client/dist/index.js', import: '{ createClient }', limit: '16.8 kB' },
];
