#!/usr/bin/env python3
"""Scores a briefing.json of the article-extraction-benchmark pages (see run.sh).

score.py BRIEFING_JSON EVAL_DIR: writes EVAL_DIR/output/briefing.json (each page's kept text, for
the benchmark's evaluate.py) and prints how many summary sentences are ground-truth body
sentences (and how many when whitespace is left out of both, as the ground truth has spaces
where inline tags were)."""
import json
import re
import sys
import unicodedata
from pathlib import Path


def folded(text):
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().lower()


def main():
    briefing = json.loads(Path(sys.argv[1]).read_text())
    out = Path(sys.argv[2])
    truth = json.loads((out / "ground-truth.json").read_text())
    kept = {key: {"articleBody": ""} for key in truth}
    in_body = spaced = total = 0
    for article in briefing["articles"]:
        key = article["path"].rsplit("/", 1)[-1].removesuffix(".html")
        if key not in truth:
            continue
        sentences = [s["text"] for s in article["sentences"]]
        kept[key] = {"articleBody": "\n".join(sentences)}
        body = folded(truth[key]["articleBody"])
        for i in article["summary"]:
            total += 1
            in_body += folded(sentences[i]) in body
            # The ground truth puts spaces where inline tags were ("tre k", "\" comfort food \""):
            # the same comparison with all whitespace left out.
            spaced += re.sub(r"\s", "", folded(sentences[i])) in re.sub(r"\s", "", body)
    (out / "output" / "briefing.json").write_text(json.dumps(kept))
    read = sum(1 for v in kept.values() if v["articleBody"])
    print(f"pages read: {read} of {len(truth)}")
    print(f"summary sentences in the ground-truth body: {in_body} of {total} ({in_body / max(total, 1):.3f}); "
          f"whitespace left out: {spaced} ({spaced / max(total, 1):.3f})")


main()
