#!/usr/bin/env bash
# The steps of .github/workflows/briefing.yml, kept here so that they can be read, tested and run
# by hand in a clone (written by `briefing init`; the same file in every project).
#
#   ci.sh install         puts briefing $BRIEFING_VERSION on PATH: the one already there, a cached
#                         ~/.cargo/bin/briefing, a release binary of $BRIEFING_TOOL for this
#                         machine, else `cargo install --locked` (with BRIEFING_FROM_SOURCE=true,
#                         the tool's own repository: `cargo build --release --locked`)
#   ci.sh changes         tool=true|false into $GITHUB_OUTPUT: did the tool itself change since
#                         $BASE (its source, data, templates, tests, Cargo files, CI)
#   ci.sh build           `briefing build`, then what changed into $GITHUB_STEP_SUMMARY: articles
#                         added, changed and removed since $BASE, and each theme's new points
#   ci.sh commit BRANCH   commits $BRIEFING_OUTPUT/ and pushes it to BRANCH; when BRANCH moved
#                         meanwhile, pulls with rebase (rebuilding when the new tree needs it) and
#                         tries again, up to $BRIEFING_ATTEMPTS times (default 5)
#   ci.sh patch FILE      $BRIEFING_OUTPUT/'s change as a patch, for a pull request from a fork
#                         (which the workflow cannot push to); patch=true|false into $GITHUB_OUTPUT
#
# Environment (the workflow sets these): BRIEFING_INPUT, BRIEFING_OUTPUT (the folders of
# briefing.toml), BRIEFING_VERSION, BRIEFING_TOOL (owner/name of briefing's repository on GitHub),
# BASE (the commit to compare with: a pull request's base, a push's previous commit; empty on a
# manual run). GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_PATH are GitHub's files; unset, the
# summary goes to stdout and the others are not written.
set -euo pipefail

input="${BRIEFING_INPUT:-articles}"
output="${BRIEFING_OUTPUT:-out}"
version="${BRIEFING_VERSION:-}"
tool="${BRIEFING_TOOL:-}"
# The most points or articles listed per section of the summary (the rest are counted).
listed=30

fail() {
    echo "ci.sh: $*" >&2
    exit 2
}

# Appends stdin to a GitHub file ($1: its variable's value), or prints it when unset.
to_file() {
    if [[ -n ${1:-} ]]; then cat >>"$1"; else cat; fi
}

output_var() {
    [[ -z ${GITHUB_OUTPUT:-} ]] || echo "$1=$2" >>"$GITHUB_OUTPUT"
}

# The commit to compare with: the merge base of $BASE and HEAD; empty when there is none (a
# manual run, a new branch, a base not fetched).
base_commit() {
    local base="${BASE:-}"
    [[ -n $base && ! $base =~ ^0+$ ]] || return 0
    git merge-base "$base" HEAD 2>/dev/null || true
}

# --- install -----------------------------------------------------------------------------------

# The release archive's target for this machine; empty when no release is built for it.
release_target() {
    case "$(uname -s)-$(uname -m)" in
        Linux-x86_64) echo x86_64-unknown-linux-gnu ;;
        Darwin-arm64) echo aarch64-apple-darwin ;;
        Darwin-x86_64) echo x86_64-apple-darwin ;;
        *) ;;
    esac
}

# True when `briefing` on PATH is the version wanted.
have_briefing() {
    [[ "$(briefing --version 2>/dev/null || true)" == "briefing $version" ]]
}

install() {
    if [[ ${BRIEFING_FROM_SOURCE:-} == true ]]; then
        cargo build --release --locked
        export PATH="$PWD/target/release:$PATH"
        [[ -z ${GITHUB_PATH:-} ]] || echo "$PWD/target/release" >>"$GITHUB_PATH"
        briefing --version
        return
    fi
    [[ -n $version ]] || fail "BRIEFING_VERSION is not set: set it in .github/workflows/briefing.yml (the output of \`briefing --version\`)"
    local bin="$HOME/.cargo/bin"
    export PATH="$bin:$PATH"
    [[ -z ${GITHUB_PATH:-} ]] || echo "$bin" >>"$GITHUB_PATH"
    if have_briefing; then
        echo "briefing $version: $(command -v briefing)"
        return
    fi
    [[ -n $tool && $tool != OWNER/* ]] \
        || fail "BRIEFING_TOOL is \"$tool\": set it in .github/workflows/briefing.yml to the GitHub repository briefing comes from (owner/name)"
    mkdir -p "$bin"
    local target archive url
    target="$(release_target)"
    if [[ -n $target ]]; then
        archive="briefing-$target"
        url="https://github.com/$tool/releases/download/v$version/$archive.tar.gz"
        echo "downloading $url"
        if curl -sSfL --retry 3 "$url" | tar -xz -C "$bin" --strip-components=1 "$archive/briefing"; then
            have_briefing && return
            echo "the release archive holds another version: building from source instead" >&2
        else
            echo "no release binary for $target at v$version: building from source instead" >&2
        fi
    fi
    cargo install --locked --force --root "$HOME/.cargo" --git "https://github.com/$tool" --tag "v$version" briefing
    have_briefing || fail "cargo install made $(briefing --version 2>&1), not briefing $version"
}

# --- changes (the tool's own repository) -------------------------------------------------------

changes() {
    local base changed=true
    base="$(base_commit)"
    if [[ -n $base ]]; then
        if git diff --name-only "$base" HEAD \
            | grep -qE '^(src|data|templates|tests|examples|\.github|\.ci)/|^Cargo\.(toml|lock)$'; then
            changed=true
        else
            changed=false
        fi
    fi
    echo "tool changed: $changed${base:+ (since ${base:0:12})}"
    output_var tool "$changed"
}

# --- build and summary -------------------------------------------------------------------------

# Markdown-escapes stdin, one item a line (untrusted text from the articles).
md_escape() {
    sed -e 's/[][\\`*_<>#!|~]/\\&/g'
}

# Lists stdin's lines as Markdown items, at most $listed, then how many more.
items() {
    awk -v max="$listed" 'NR <= max { print "- " $0 } END { if (NR > max) print "- … and " NR - max " more" }'
}

# The articles added, changed and removed since $1 (or "").
article_changes() {
    local base="$1"
    if [[ -z $base ]]; then
        echo "No earlier commit to compare with (a manual run or a new branch): rebuilt from $(git rev-parse --short HEAD)."
        echo
        return
    fi
    local changes
    changes="$(git diff --name-status --find-renames "$base" -- "$input")"
    if [[ -z $changes ]]; then
        echo "No article changed since $(git rev-parse --short "$base")."
        echo
        return
    fi
    echo "Articles since $(git rev-parse --short "$base"):"
    echo
    local kind label
    for kind in A M D R; do
        case $kind in
            A) label=added ;; M) label=changed ;; D) label=removed ;; R) label=renamed ;;
        esac
        local lines
        lines="$(awk -F '\t' -v k="$kind" 'substr($1, 1, 1) == k || (k == "M" && $1 == "T") {
            print (NF > 2 ? $2 " → " $3 : $2) }' <<<"$changes")"
        [[ -n $lines ]] || continue
        echo "**$label** ($(wc -l <<<"$lines"))"
        echo
        md_escape <<<"$lines" | items
        echo
    done
}

# Each theme's points whose text is new, comparing briefing.json at $1 (or the committed one)
# with the one just built.
new_points() {
    local base="$1" old
    old="$(mktemp)"
    git show "${base:-HEAD}:$output/briefing.json" >"$old" 2>/dev/null || echo '{}' >"$old"
    jq empty "$old" 2>/dev/null || echo '{}' >"$old"
    local report
    report="$(jq -r --slurpfile old "$old" '
        ($old[0].themes // [] | map({key: .id, value: [.points[]?.text]}) | from_entries) as $before
        | .themes[]? | . as $theme
        | ($before[$theme.id] // []) as $known
        | [.points[]?.text | select(. as $text | $known | index([$text]) | not)] as $new
        | select($new | length > 0)
        | "\u0001\($theme.title) (\($new | length))", ($new[] | gsub("\\s+"; " "))
    ' "$output/briefing.json")"
    rm -f "$old"
    if [[ -z $report ]]; then
        echo "No new theme points."
        echo
        return
    fi
    echo "New theme points:"
    echo
    # Titles start with \001; the points below each are listed, at most $listed a theme.
    local block=""
    while IFS= read -r line; do
        if [[ $line == $'\001'* ]]; then
            [[ -z $block ]] || { printf '%s' "$block" | md_escape | items; echo; }
            block=""
            echo "**$(md_escape <<<"${line#$'\001'}")**"
            echo
        else
            block+="$line"$'\n'
        fi
    done <<<"$report"
    [[ -z $block ]] || { printf '%s' "$block" | md_escape | items; echo; }
}

build() {
    briefing build
    command -v jq >/dev/null || fail "jq not found: install it (apt-get install -y jq)"
    local base
    base="$(base_commit)"
    {
        echo "## Briefing"
        echo
        article_changes "$base"
        new_points "$base"
        local files
        files="$(git status --porcelain -- "$output")"
        if [[ -n $files ]]; then
            echo "Rebuilt: $(wc -l <<<"$files") file(s) of $output/ changed."
        else
            echo "$output/ was already current."
        fi
    } | to_file "${GITHUB_STEP_SUMMARY:-}"
}

# --- commit and push, with retries -------------------------------------------------------------

# Stages the output folder (deletions too); true when it differs from HEAD.
stage_output() {
    git add -A -- "$output"
    ! git diff --cached --quiet -- "$output"
}

commit() {
    local branch="${1:-}"
    [[ -n $branch ]] || fail "usage: ci.sh commit BRANCH"
    git config user.name "github-actions[bot]"
    git config user.email "41898799+github-actions[bot]@users.noreply.github.com"
    local message="Rebuild briefing [skip ci]"
    if ! stage_output; then
        echo "$output/ is current: nothing to commit"
        return 0
    fi
    git commit -q -m "$message"
    local attempts="${BRIEFING_ATTEMPTS:-5}" attempt
    for ((attempt = 1; attempt <= attempts; attempt++)); do
        if git push -q origin "HEAD:refs/heads/$branch"; then
            echo "pushed $(git rev-parse --short HEAD) to $branch" | to_file "${GITHUB_STEP_SUMMARY:-}"
            return 0
        fi
        git fetch -q origin "$branch"
        if git merge-base --is-ancestor FETCH_HEAD HEAD; then
            fail "push to $branch refused, and $branch has not moved: does the workflow have \`permissions: contents: write\`, and may it push to $branch (branch protection)?"
        fi
        echo "$branch moved meanwhile: rebasing on it (attempt $attempt of $attempts)"
        if ! git pull -q --rebase origin "$branch"; then
            # Both sides changed $output/: take theirs and rebuild below.
            git rebase --abort
            git reset -q --hard FETCH_HEAD
        fi
        if ! briefing check >/dev/null; then
            echo "the rebased tree needs a new build"
            briefing build
        fi
        if stage_output; then
            if [[ $(git rev-list --count FETCH_HEAD..HEAD) -gt 0 ]]; then
                git commit -q --amend --no-edit
            else
                git commit -q -m "$message"
            fi
        elif [[ $(git rev-list --count FETCH_HEAD..HEAD) -eq 0 ]]; then
            echo "$branch's $output/ is already current: nothing to push"
            return 0
        fi
    done
    fail "gave up after $attempts attempts: $branch kept moving"
}

# --- a fork's pull request ---------------------------------------------------------------------

patch() {
    local file="${1:-}"
    [[ -n $file ]] || fail "usage: ci.sh patch FILE"
    if ! stage_output; then
        echo "$output/ is current: no patch"
        output_var patch false
        return 0
    fi
    git diff --cached --binary -- "$output" >"$file"
    git reset -q -- "$output"
    output_var patch true
    local run="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-OWNER/NAME}/actions/runs/${GITHUB_RUN_ID:-RUN}"
    {
        echo
        echo "This pull request comes from a fork, which this workflow cannot push to. To commit the"
        echo "rebuilt $output/, download the artifact \`briefing-patch\` from [this run]($run) into"
        echo "your clone, on the pull request's branch, and apply it:"
        echo
        echo '```'
        echo "gh run download ${GITHUB_RUN_ID:-RUN} --repo ${GITHUB_REPOSITORY:-OWNER/NAME} --name briefing-patch"
        echo "git apply $(basename "$file") && git add $output && git commit -m 'Rebuild briefing'"
        echo '```'
        echo
        echo "(or run \`briefing build\` and commit $output/)."
    } | to_file "${GITHUB_STEP_SUMMARY:-}"
}

case "${1:-}" in
    install) install ;;
    changes) changes ;;
    build) build ;;
    commit) commit "${2:-}" ;;
    patch) patch "${2:-}" ;;
    *) fail "usage: ci.sh install|changes|build|commit BRANCH|patch FILE" ;;
esac
