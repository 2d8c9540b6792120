#!/usr/bin/env bash
# Host apps from packed tarballs, installed the way a host installs them: builds the
# packages, packs each one, copies examples/host-vite and examples/host-next to a temp
# folder, points their @session-links/* dependencies at the tarballs, `npm install`s
# them (the npm registry is the only network used), runs the documented `msw init`,
# builds them (tsc + vite build, next build), checks that no MSW reached a production
# bundle, runs each host's own vitest test, and opens the Vite host's dev server in
# headless Chromium to see the widget render over the mocks (loopback only). It also
# checks that the Vite host's install (react + client + mocks) brought no server and no
# database driver, and runs `npx session-links-server` from the server's tarball (PGlite).
# The Next.js host mounts the server the documented way (`createSessionLinksServer` from
# `@session-links/server/host`): `next build` (webpack) runs with DATABASE_URL pointing at a
# closed loopback port and must open nothing (no connection, no data folder); then
# `next start` on PGlite answers the sync API and a signed-in read, with no
# `serverExternalPackages` in its next.config.
#
#   bash scripts/check-hosts.sh               # everything
#   bash scripts/check-hosts.sh --skip-build  # reuse the packages' dist/ (CI builds them just before)
#   KEEP=1 bash scripts/check-hosts.sh        # keep the temp folder to look around
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
started=$(date +%s)

export NEXT_TELEMETRY_DISABLED=1 CI=true
npm_flags=(--prefer-offline --no-audit --no-fund --loglevel=error --no-update-notifier)

work=$(mktemp -d "${TMPDIR:-/tmp}/session-links-hosts.XXXXXX")
next_build_pid='' dev_pid='' cli_pid='' next_start_pid=''
cleanup() {
  # Only what this script started: the background next build and the server CLI (each its own process group), vite's dev server.
  [ -n "$next_build_pid" ] && kill -- "-$next_build_pid" 2>/dev/null
  [ -n "$dev_pid" ] && kill "$dev_pid" 2>/dev/null
  [ -n "$cli_pid" ] && kill -- "-$cli_pid" 2>/dev/null
  [ -n "$next_start_pid" ] && kill -- "-$next_start_pid" 2>/dev/null
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; else echo "temp folder: $work"; fi
}
trap cleanup EXIT

lap() { echo "--- $1 ($(( $(date +%s) - started ))s)"; }

if [ "${1:-}" != --skip-build ]; then
  pnpm build >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  lap "packages built"
fi

# The host tests that copy the docs' test snippets must still match them word for word.
node - <<'EOF'
const fs = require('node:fs');
const snippet = (file, heading) => {
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf('```tsx\n', text.indexOf(heading)) + 7;
  return text.slice(start, text.indexOf('```', start));
};
for (const [test, doc, heading] of [
  ['examples/host-vite/src/readme-snippet.test.tsx', 'mocks/README.md', '## In your own vitest tests'],
  ['examples/host-vite/src/docs-snippet.test.tsx', 'stories/docs/getting-started.mdx', '## In your tests'],
]) {
  const code = fs.readFileSync(test, 'utf8').split('\n').slice(1).join('\n');
  if (code !== snippet(doc, heading)) throw new Error(`${test} no longer matches the snippet under "${heading}" in ${doc}`);
}
console.log('the host tests still match the docs snippets');
EOF

mkdir "$work/tarballs"
for dir in packages/core packages/client packages/react packages/server mocks; do
  [ -d "$dir/dist" ] || { echo "$dir/dist is missing: run pnpm build first"; exit 1; }
  (cd "$dir" && pnpm pack --pack-destination "$work/tarballs" >/dev/null)
done
ls "$work/tarballs"
lap "packed"

# Point every @session-links/* dependency at its tarball, and override the packages'
# dependencies on each other the same way (they are not on the registry).
point_at_tarballs() {
  node - "$1/package.json" "$work/tarballs" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const [file, dir] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
const tarballs = {};
for (const name of fs.readdirSync(dir)) {
  const m = name.match(/^session-links-(.+)-\d+\.\d+\.\d+.*\.tgz$/);
  if (m) tarballs[`@session-links/${m[1]}`] = `file:${path.join(dir, name)}`;
}
for (const field of ['dependencies', 'devDependencies']) {
  for (const name of Object.keys(pkg[field] ?? {})) {
    if (name.startsWith('@session-links/')) {
      if (!tarballs[name]) throw new Error(`no tarball for ${name}`);
      pkg[field][name] = tarballs[name];
    }
  }
}
pkg.overrides = { ...pkg.overrides, ...tarballs };
fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
EOF
}

# A production bundle must not carry MSW: the documented setup loads it in development only.
no_msw_in() {
  local found
  found=$(grep -rlE 'mockServiceWorker|\[MSW\]|msw/browser' "$@" --include='*.js' || true)
  if [ -n "$found" ]; then echo "MSW is in the production bundle: $found"; return 1; fi
  echo "no MSW in the production bundle ($(find "$@" -name '*.js' | wc -l) JS files checked)"
}

install_host() {
  local name=$1
  cp -r "$root/examples/$name" "$work/$name"
  rm -rf "$work/$name/node_modules" "$work/$name/dist" "$work/$name/.next" "$work/$name/public/mockServiceWorker.js"
  point_at_tarballs "$work/$name"
  (cd "$work/$name" && npm install "${npm_flags[@]}" && node_modules/.bin/msw init public --save >/dev/null)
  [ -f "$work/$name/public/mockServiceWorker.js" ] || { echo "msw init wrote no worker script"; return 1; }
}

# The server alone, the way a host tries it: its tarball (and core's) in an empty folder.
install_server() {
  mkdir "$work/server-cli"
  echo '{ "name": "server-cli", "private": true, "dependencies": { "@session-links/server": "^0.1.0" } }' >"$work/server-cli/package.json"
  point_at_tarballs "$work/server-cli"
  (cd "$work/server-cli" && npm install "${npm_flags[@]}")
}

# The three installs at once: they mostly wait on the registry and the disk.
install_host host-vite >"$work/install-vite.log" 2>&1 &
vite_pid=$!
install_host host-next >"$work/install-next.log" 2>&1 &
next_pid=$!
install_server >"$work/install-server.log" 2>&1 &
server_pid=$!
wait "$vite_pid" || { cat "$work/install-vite.log"; echo "host-vite: npm install FAILED"; exit 1; }
wait "$next_pid" || { cat "$work/install-next.log"; echo "host-next: npm install FAILED"; exit 1; }
wait "$server_pid" || { cat "$work/install-server.log"; echo "server: npm install FAILED"; exit 1; }
lap "both hosts and the server installed from the tarballs"

# A host installs the widgets, the client and the mocks (a devDependency of its Storybook and
# tests): none of that may bring the server or its PostgreSQL drivers (the mocks bundle the
# server's in-memory part). Nested copies count too. (The Next.js host installs the server
# on purpose: its browser bundle is checked for drivers after its build instead.)
for name in host-vite; do
  found=$(cd "$work/$name" && find ./node_modules -type d \( -path '*/node_modules/@session-links/server' \
    -o -path '*/node_modules/@electric-sql/pglite' -o -path '*/node_modules/pg' -o -path '*/node_modules/kysely' \) -prune -print)
  if [ -n "$found" ]; then echo "$name: installing react + client + mocks brought in:"; echo "$found"; exit 1; fi
  echo "$name: no @session-links/server, @electric-sql/pglite, pg or kysely in node_modules ($(ls -d "$work/$name"/node_modules/* "$work/$name"/node_modules/@*/* 2>/dev/null | grep -vc '/@[^/]*$') packages)"
done

# `npx session-links-server` from the tarball: embedded PGlite in a fresh folder, seeded, dev auth;
# one authenticated read must answer with the seeded site's settings.
sport=$(node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
# --dev-auth runs only with NODE_ENV=development or test (R27).
NODE_ENV=development setsid bash -c 'cd "$1" && shift && exec npx --no-install session-links-server "$@"' _ "$work/server-cli" \
  --port "$sport" --data "$work/server-cli/data" --seed zoom-default --dev-auth >"$work/server-cli.log" 2>&1 &
cli_pid=$!
answered=''
for _ in $(seq 1 240); do # up to 2 minutes: PGlite's first start (initdb) takes 4–9 s on an idle machine
  if grep -q '^listening on' "$work/server-cli.log"; then
    body=$(curl -sf -H 'authorization: Bearer dev:owner' "http://127.0.0.1:$sport/api/session-links/sites/site-studio/settings" || true)
    case $body in *'"siteId":"site-studio"'*) answered=1; break ;; esac
  fi
  kill -0 "$cli_pid" 2>/dev/null || break
  sleep 0.5
done
kill -- "-$cli_pid" 2>/dev/null || true
wait "$cli_pid" 2>/dev/null || true
cli_pid=''
cat "$work/server-cli.log"
[ -n "$answered" ] || { echo "npx session-links-server from the tarball did not answer"; exit 1; }
lap "server: npx session-links-server from the tarball (PGlite, seeded) answered"

free_port() { node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# `next build` is the longest step: it runs beside the Vite host's checks (2 cores). No database
# is reachable: DATABASE_URL names a loopback port nothing listens on. The documented mount opens
# the store on the first request, so the build connects nowhere and creates no data folder.
closed_port=$(free_port)
setsid env DATABASE_URL="postgres://nobody:nothing@127.0.0.1:$closed_port/none" bash -c 'cd "$1" && npm run build --silent' _ \
  "$work/host-next" >"$work/next-build.log" 2>&1 &
next_build_pid=$!

cd "$work/host-vite"
npm run build --silent
no_msw_in dist
node_modules/.bin/vitest run
lap "host-vite: tsc, vite build, no MSW in the bundle, host test"

# The documented dev setup in a real browser: MSW's worker answers, the widget shows data.
port=$(node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
node_modules/.bin/vite --port "$port" --strictPort --host 127.0.0.1 >"$work/vite-dev.log" 2>&1 &
dev_pid=$!
status=0
node "$root/scripts/check-hosts.browser.mjs" "http://127.0.0.1:$port/" 'Zoom account of Olivia Owner' || status=$?
kill "$dev_pid" 2>/dev/null || true
wait "$dev_pid" 2>/dev/null || true
dev_pid=''

[ "$status" = 0 ] || { cat "$work/vite-dev.log"; exit 1; }
lap "host-vite: vite dev in Chromium, over the mocks"

cd "$work/host-next"
wait "$next_build_pid" || { cat "$work/next-build.log"; echo "host-next: next build FAILED"; exit 1; }
next_build_pid=''

grep -E '^(Route|[┌├└] )' "$work/next-build.log" || true
no_msw_in .next/static
found=$(find "$work/host-next" -path "$work/host-next/node_modules" -prune -o -name '.session-links-data' -print)
[ -z "$found" ] || { echo "next build created a data folder: $found"; exit 1; }
# The browser bundle carries no server and no driver (the route handlers are server-only).
found=$(grep -rlE 'electric-sql|PGlite|pg-protocol|kysely' .next/static --include='*.js' || true)
[ -z "$found" ] || { echo "a database driver is in the browser bundle: $found"; exit 1; }
echo "host-next: next build opened no database (DATABASE_URL unreachable, no data folder) and shipped no driver to the browser"
node_modules/.bin/vitest run
lap "host-next: next build with no database, no MSW in the client bundle, host test"

# `next start` on PGlite (no DATABASE_URL): the first request opens the store; the host syncs a
# site and its owner, and the owner's read answers. webpack bundled the route without any
# serverExternalPackages: a 500 here is what PGlite bundled by webpack looked like.
nport=$(free_port)
setsid env -u DATABASE_URL SESSION_LINKS_DATA_DIR="$work/next-data" SESSION_LINKS_SYNC_SECRET=check-hosts-sync-secret \
  bash -c 'cd "$1" && exec node_modules/.bin/next start -p "$2" -H 127.0.0.1' _ "$work/host-next" "$nport" >"$work/next-start.log" 2>&1 &
next_start_pid=$!
api="http://127.0.0.1:$nport/api/session-links"
put_sync() { curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'content-type: application/json' -H 'x-session-links-sync-secret: check-hosts-sync-secret' --data "$2" "$api/sync/sites/$1"; }
answered=''
for _ in $(seq 1 240); do # up to 2 minutes: next start, then PGlite's first start (initdb)
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$api/sites/site-studio/me" || true)" = 401 ]; then answered=1; break; fi
  kill -0 "$next_start_pid" 2>/dev/null || break
  sleep 0.5
done
[ -n "$answered" ] || { cat "$work/next-start.log"; echo "host-next: next start did not answer 401 to an anonymous read"; exit 1; }
status=$(put_sync site-studio '{"name":"Studio","plan":{"id":"business","name":"Business","includesOnlineSessions":true}}')
[ "$status" = 200 ] || { cat "$work/next-start.log"; echo "host-next: sync of the site answered $status"; exit 1; }
status=$(put_sync site-studio/members/owner '{"name":"Olivia Owner","role":"owner","staffId":null}')
[ "$status" = 200 ] || { cat "$work/next-start.log"; echo "host-next: sync of the owner answered $status"; exit 1; }
body=$(curl -s -H 'authorization: Bearer dev-token' "$api/sites/site-studio/settings")
case $body in *'"siteId":"site-studio"'*) ;; *) cat "$work/next-start.log"; echo "host-next: settings answered $body"; exit 1 ;; esac
[ -d "$work/next-data" ] || { echo "host-next: the PGlite folder was not where SESSION_LINKS_DATA_DIR said"; exit 1; }
kill -- "-$next_start_pid" 2>/dev/null || true
wait "$next_start_pid" 2>/dev/null || true
next_start_pid=''
lap "host-next: next start (webpack build, PGlite, no serverExternalPackages) synced a site and answered its owner"

echo "host apps from tarballs: ok in $(( $(date +%s) - started ))s"
