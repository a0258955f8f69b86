#!/usr/bin/env bash
# The browser check of the HTML briefing, in Debian's headless Chromium.
#
#   tests/browser/run.sh [FILE]     (default: out/briefing.html)
#   tests/browser/run.sh --serve    the page as `briefing serve` serves it, and its reload
#
# --serve copies the repository's project (briefing.toml, seeds/) into a temporary folder,
# starts `briefing serve --port 0` there (BRIEFING names the binary, default
# target/release/briefing), checks the served page, changes an article and expects the page
# to reload; the server is stopped with Ctrl-C (SIGINT) and the folder removed.
#
# Installs what is missing for the check itself (playwright-core, from package-lock.json, with
# npm ci), then runs check.js: exit 0 when the page passes, 1 on findings, 2 on a setup error.
# Chromium is not installed here: `apt-get update && apt-get install -y chromium` (.ci/run does
# it), or point CHROMIUM at another Chromium binary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
serve=false
if [[ ${1:-} == --serve ]]; then
    serve=true
else
    file="${1:-$repo/out/briefing.html}"
    [[ -f $file ]] || { echo "run.sh: $file not found (build it: cargo run --release -- build)" >&2; exit 2; }
    file="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
fi
command -v node >/dev/null || { echo "run.sh: node not found: apt-get install -y nodejs npm" >&2; exit 2; }
chromium="${CHROMIUM:-/usr/bin/chromium}"
[[ -x $chromium ]] || { echo "run.sh: $chromium not found: apt-get update && apt-get install -y chromium" >&2; exit 2; }

# npm ci when node_modules is missing or older than the lock file.
stamp="$here/node_modules/.package-lock.json"
if [[ ! -f $stamp || $here/package-lock.json -nt $stamp ]]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
if ! $serve; then
    exec node "$here/check.js" "$file"
fi

briefing="${BRIEFING:-$repo/target/release/briefing}"
[[ -x $briefing ]] || { echo "run.sh: $briefing not found: cargo build --release" >&2; exit 2; }
project="$(mktemp -d)"
server=""
cleanup() {
    if [[ -n $server ]]; then kill -INT "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$project"
}
trap cleanup EXIT
cp "$repo/briefing.toml" "$project/"
cp -r "$repo/seeds" "$project/seeds"
mkfifo "$project/url"
"$briefing" serve -C "$project" --port 0 -q >"$project/url" 2>"$project/serve.log" &
server=$!
read -r line <"$project/url" || { echo "run.sh: briefing serve did not start:" >&2; cat "$project/serve.log" >&2; exit 2; }
url="$(grep -o 'http://[^ ]*' <<<"$line")"
article="$(find "$project/seeds" -type f | sort | head -n 1)"
status=0
TOUCH="$article" node "$here/check.js" "$url" || status=$?
exit "$status"
