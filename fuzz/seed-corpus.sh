#!/usr/bin/env bash
# Seeds fuzz/corpus/{pipeline,sentences} with the articles in seeds/ and the first few
# articles (`text` field) of the shared eval set, if it is there; also seeds `config` with the
# project's briefing.toml files and `markdown` with a small front-matter article.
# Re-running is harmless.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
dev="${DEV_JSONL:-$root/../shared/eval/dev.jsonl}"
[ -f "$dev" ] || dev=/work/shared/eval/dev.jsonl
count="${SEED_ARTICLES:-8}"

for target in pipeline sentences; do
    dir="$here/corpus/$target"
    mkdir -p "$dir"
    cp "$root"/seeds/*.txt "$dir"/
    if [ -f "$dev" ]; then
        python3 - "$dev" "$dir" "$count" <<'PY'
import json, sys
path, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, encoding="utf-8") as f:
    for i, line in enumerate(f):
        if i >= count:
            break
        text = json.loads(line)["text"]
        with open(f"{out}/dev_{i:03d}.txt", "w", encoding="utf-8") as w:
            w.write(text)
PY
    else
        echo "note: $dev not found; seeded from seeds/ only" >&2
    fi
    echo "$target: $(ls "$dir" | wc -l) files"
done

mkdir -p "$here/corpus/config" "$here/corpus/markdown"
cp "$root/briefing.toml" "$here/corpus/config/root.toml"
cp "$root/tests/fixtures/projects/untrusted/briefing.toml" "$here/corpus/config/untrusted.toml" 2>/dev/null || true
cat > "$here/corpus/markdown/front.md" <<'MD'
---
title: Judul berita
source: contoh.id
date: 2024-01-02
language: id
---

# Judul berita

JAKARTA, contoh.id -- Kalimat pertama. Kalimat *kedua* dengan [tautan](https://x.id).

| a | b |
|---|---|
| 1 | 2 |
MD
cat > "$here/corpus/markdown/toml.md" <<'MD'
+++
title = "Headline"
language = "en"
+++
Some ~~struck~~ text. <b>inline html</b>
MD
echo "config: $(ls "$here/corpus/config" | wc -l) files; markdown: $(ls "$here/corpus/markdown" | wc -l) files"
