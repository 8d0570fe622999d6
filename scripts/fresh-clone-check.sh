#!/usr/bin/env bash
# A newcomer's first five minutes, checked: clone the repository's committed
# HEAD into an empty temporary folder (so no ../shared beside it), run the
# README's two commands there (`npm ci && npm run example`, then `npm test`),
# and fail unless both succeed. The example's store goes to a folder of its
# own, so the check leaves nothing in the user's cache.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/chkpt-fresh-XXXXXX")"
trap 'rm -rf "$work"' EXIT
git clone --quiet "$repo" "$work/chkpt"
cd "$work/chkpt"
[ ! -e ../shared ] || { echo "fresh-clone: $work/shared exists; the check needs a folder without it" >&2; exit 1; }

echo "fresh-clone: npm ci && npm run example (in $work/chkpt)"
if ! (npm ci --no-audit --no-fund && CHKPT_HOME="$work/store" npm run example) > "$work/example.log" 2>&1; then
  cat "$work/example.log"
  echo "fresh-clone: the README's first command failed" >&2
  exit 1
fi
grep -q 'chkpt: crash state saved as' "$work/example.log" || { cat "$work/example.log"; echo "fresh-clone: the example did not save a crash checkpoint" >&2; exit 1; }
grep -q 'chkpt repl train.ts@crash' "$work/example.log" || { cat "$work/example.log"; echo "fresh-clone: the example did not print the REPL command" >&2; exit 1; }

echo "fresh-clone: npm test"
if ! npm test > "$work/test.log" 2>&1; then
  tail -n 200 "$work/test.log"
  echo "fresh-clone: the README's test command failed" >&2
  exit 1
fi
grep -q "no ../shared/conformance beside this clone" "$work/test.log" || { tail -n 50 "$work/test.log"; echo "fresh-clone: the shared suite was not reported as skipped" >&2; exit 1; }
echo "fresh-clone: both commands succeeded; tests: $(tail -n 1 "$work/test.log")"
