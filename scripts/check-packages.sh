#!/usr/bin/env bash
# publint and are-the-types-wrong on every published package (after `pnpm build`),
# and a check that every built React entry still starts with "use client".
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for dir in packages/core packages/client packages/react packages/server mocks; do
  echo "== $dir"
  pnpm exec publint "$dir" --strict || status=1
  exclude=()
  [ "$dir" = packages/react ] && exclude=(--exclude-entrypoints ./styles.css)
  (cd "$dir" && pnpm exec attw --pack . --profile esm-only --format ascii "${exclude[@]}" >/tmp/attw.log 2>&1) || { cat /tmp/attw.log; status=1; }
done
for file in $(find packages/react/dist -name '*.js'); do
  if ! head -c 20 "$file" | grep -q "use client"; then echo "missing 'use client': $file"; status=1; fi
done
exit $status
