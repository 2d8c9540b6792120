#!/usr/bin/env bash
# publint and are-the-types-wrong on every published package (after `pnpm build`),
# and a check that every built React entry still starts with "use client".
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for dir in packages/core packages/client packages/react packages/server mocks; do
  echo "== $dir"
  pnpm exec publint "$dir" --strict || status=1
  (cd "$dir" && pnpm exec attw --pack . --profile esm-only --format ascii >/tmp/attw.log 2>&1) || { cat /tmp/attw.log; status=1; }
done
# Every React entry is a client module, except the server-safe `@session-links/react/query`
# (keys and option factories), which must not be one: a server component imports it.
for file in $(find packages/react/dist -name '*.js' -not -path 'packages/react/dist/query/*'); do
  if ! head -c 20 "$file" | grep -q "use client"; then echo "missing 'use client': $file"; status=1; fi
done
for file in $(find packages/react/dist/query -name '*.js'); do
  if head -c 20 "$file" | grep -q "use client"; then echo "'use client' in the server-safe entry: $file"; status=1; fi
  if grep -qE "from ['\"](\./|\.\./)" "$file"; then echo "the server-safe entry imports a shared chunk: $file"; status=1; fi
done
exit $status
