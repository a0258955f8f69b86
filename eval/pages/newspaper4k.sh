#!/usr/bin/env bash
# A second real-page measure: briefing on the 157 saved pages of newspaper4k's tests
# (AndyTheFactory/newspaper4k, MIT; `tests/data/html` and `tests/data/text` at commit 79553f6,
# removed from the repository later), against the text newspaper kept of each page.
#
#   eval/pages/newspaper4k.sh MIRROR    # MIRROR: a git clone or mirror of newspaper4k (e.g. `fetch`ed)
#
# The expected texts are newspaper's own extractions, corrected by hand in places ("MISSED
# ENTIRE ARTICLE …"): agreement with them measures how close briefing comes to the tool
# newsrooms use, not truth. Prints what the build said (pages read, left out and why), how many
# pages have no date and how many author names still hold a digit, "@", "|" or ":", the
# paragraphs set aside as repeats, and word-overlap F1 with newspaper's text on the pages where
# that text has 60 words or more. Needs python3 (standard library only); writes nothing outside
# a temporary folder.
set -euo pipefail
usage="usage: eval/pages/newspaper4k.sh MIRROR   (a clone or mirror of AndyTheFactory/newspaper4k)"
[[ $# -eq 1 ]] || { echo "$usage" >&2; exit 2; }
MIRROR=$1
COMMIT=79553f6302cea1a6e36103fb4dc1c675ca704cd3
cd "$(dirname "$0")/../.."
command -v python3 >/dev/null || { echo "newspaper4k.sh: python3 is needed" >&2; exit 2; }
GIT=(git --git-dir="$MIRROR")
[[ -d $MIRROR/.git ]] && GIT=(git -C "$MIRROR")
"${GIT[@]}" cat-file -e "$COMMIT^{commit}" 2>/dev/null ||
    { echo "newspaper4k.sh: $MIRROR does not hold commit $COMMIT; $usage" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/briefing-newspaper4k.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/project/pages" "$WORK/text"
for dir in html text; do
    "${GIT[@]}" ls-tree --name-only "$COMMIT" "tests/data/$dir/" | while read -r file; do
        out=$WORK/text
        [[ $dir == html ]] && out=$WORK/project/pages
        "${GIT[@]}" show "$COMMIT:$file" >"$out/$(basename "$file")"
    done
done
cat >"$WORK/project/briefing.toml" <<'TOML'
title = "newspaper4k test pages"
input = "pages"
output = "out"
language = "auto"
TOML
cargo build --release --quiet
TARGET=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
"$TARGET/release/briefing" build -q --no-cache -C "$WORK/project" 2>"$WORK/warnings" || true
[[ -s $WORK/project/out/briefing.json ]] || { echo "newspaper4k.sh: the build wrote no briefing.json" >&2; exit 1; }
python3 - "$WORK" <<'PY'
import collections, json, re, sys
from pathlib import Path

work = Path(sys.argv[1])
pages = sorted(p.stem for p in (work / "project/pages").glob("*.html"))
briefing = json.loads((work / "project/out/briefing.json").read_text())
articles = briefing["articles"]
warnings = (work / "warnings").read_text().splitlines()
kinds = collections.Counter()
for w in warnings:
    for kind in ("error page", "does not read", "same text", "no article text"):
        if kind in w:
            kinds[kind] += 1
print(f"pages: {len(pages)}; articles built: {len(articles)}; left out: "
      + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
undated = sum(1 for a in articles if not a["date"])
noisy = [x for a in articles for x in a["authors"] if re.search(r"[0-9@|:]", x)]
print(f"undated: {undated} of {len(articles)}; author names holding a digit, @, | or ':': {len(noisy)}"
      + (f" ({'; '.join(noisy[:5])})" if noisy else ""))
repeats = [a for a in articles if any(d["reason"] == "repeat" for d in a["dropped"])]
print(f"paragraphs set aside as repeats: "
      f"{sum(1 for a in articles for d in a['dropped'] if d['reason'] == 'repeat')} on {len(repeats)} pages")

def words(text):
    return collections.Counter(re.findall(r"\w+", text.lower()))

scores = []
for a in articles:
    key = a["path"].rsplit("/", 1)[-1].removesuffix(".html")
    expected = work / "text" / f"{key}.txt"
    if not expected.exists():
        continue
    e = words(expected.read_text())
    if sum(e.values()) < 60:
        continue
    g = words(" ".join(s["text"] for s in a["sentences"]))
    common = sum((e & g).values())
    p, r = common / max(1, sum(g.values())), common / max(1, sum(e.values()))
    scores.append((2 * p * r / (p + r) if p + r else 0.0, p, r))
n = len(scores)
print(f"word-overlap with newspaper's text, {n} pages of 60 words or more: "
      f"F1 {sum(s[0] for s in scores) / n:.3f}, precision {sum(s[1] for s in scores) / n:.3f}, "
      f"recall {sum(s[2] for s in scores) / n:.3f}")
PY
