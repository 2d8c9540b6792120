// Size budgets per widget entry (brotli). "own code": every dependency left out;
// "with dependencies": everything but the peers (react, react-dom, react-query);
// "embedded": what a host ships for one widget — provider + createClient + the widget.
//
// Issue #15 asks for ≤ 40 kB embedded. The anatomy (each widget carries its own strings in
// English and Dutch, public parts, the shared gate) put the seven widgets at 40.2–45.0 kB
// (README "Sizes"). The limits below hold today's figures so nothing grows while that is
// fixed; they are not the goal. Planned: Dutch as a locale the host imports, a lighter dialog.
const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'];
const all = [
  ...peers,
  '@session-links/client',
  '@session-links/core',
  'zod',
  '@radix-ui/react-dropdown-menu',
];
// `providerFrom`: where the host imports SessionLinksProvider from (the widget's own subpath when it exports it).
const widget = (name, path, providerFrom = 'packages/react/dist/index.js') => [
  { name: `${name} — own code`, path, import: `{ ${name} }`, ignore: all, limit: '18 kB' },
  { name: `${name} — with dependencies`, path, import: `{ ${name} }`, ignore: peers, limit: '44 kB' },
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
    limit: '46 kB',
  },
];

module.exports = [
  ...widget('ProviderPicker', 'packages/react/dist/provider-picker/index.js', 'packages/react/dist/provider-picker/index.js'),
  ...widget('StaffAccountEditor', 'packages/react/dist/staff-account-editor/index.js', 'packages/react/dist/staff-account-editor/index.js'),
  ...widget(
    'PersonalSessionsAction',
    'packages/react/dist/personal-sessions-action/index.js',
    'packages/react/dist/personal-sessions-action/index.js',
  ),
  ...widget('SessionLinkEditor', 'packages/react/dist/session-link-editor/index.js'),
  ...widget('CourseLinkEditor', 'packages/react/dist/course-link-editor/index.js'),
  ...widget('SessionsOverview', 'packages/react/dist/sessions-overview/index.js'),
  ...widget('EmailBlockEditor', 'packages/react/dist/email-block-editor/index.js'),
  {
    name: '@session-links/react/query — server-safe keys and option factories, with dependencies',
    path: 'packages/react/dist/query/index.js',
    import: '*',
    ignore: peers,
    limit: '25 kB',
  },
  {
    name: '@session-links/react — everything, with dependencies',
    path: 'packages/react/dist/index.js',
    import: '*',
    ignore: peers,
    limit: '70 kB',
  },
  { name: '@session-links/client — createClient', path: 'packages/client/dist/index.js', import: '{ createClient }', limit: '15 kB' },
];
