#!/usr/bin/env bash
# The browser check of the HTML briefing, in Debian's headless Chromium.
#
#   tests/browser/run.sh [FILE]     (default: out/briefing.html)
#
# Installs what is missing for the check itself (playwright-core, from package-lock.json, with
# npm ci), then runs check.js: exit 0 when the page passes, 1 on findings, 2 on a setup error.
# Chromium is not installed here: `apt-get update && apt-get install -y chromium` (.ci/run does
# it), or point CHROMIUM at another Chromium binary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
file="${1:-$here/../../out/briefing.html}"
[[ -f $file ]] || { echo "run.sh: $file not found (build it: cargo run --release -- build)" >&2; exit 2; }
file="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
command -v node >/dev/null || { echo "run.sh: node not found: apt-get install -y nodejs npm" >&2; exit 2; }
chromium="${CHROMIUM:-/usr/bin/chromium}"
[[ -x $chromium ]] || { echo "run.sh: $chromium not found: apt-get update && apt-get install -y chromium" >&2; exit 2; }

# npm ci when node_modules is missing or older than the lock file.
stamp="$here/node_modules/.package-lock.json"
if [[ ! -f $stamp || $here/package-lock.json -nt $stamp ]]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$here/check.js" "$file"
