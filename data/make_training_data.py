#!/usr/bin/env python3
"""Makes the summary-weight training files from fetched mirrors (see data/TRAINING.md).

    make_training_data.py INDOSUM_MIRROR CNNDM_SAMPLE_MIRROR NEUSUM_MIRROR FRANK_MIRROR EVAL_DIR OUT_DIR

Writes OUT_DIR/id-train.jsonl, OUT_DIR/en-train.jsonl, OUT_DIR/en-train-cnn.jsonl (the CNN
stories of en-train.jsonl: the Daily Mail ones of the Kaggle sample carry their byline and
timestamps glued into the text as pseudo-sentences, "By . Associated Press . PUBLISHED: . 14:11
EST", which shift every sentence's place) and OUT_DIR/en-train-clean.jsonl (the CNN stories and
the Daily Mail ones without that debris: FRANK's), one {"id", "text", "summary"} object a
line (the eval files' shape: paragraphs split by a blank line, the summary one sentence a line).
Every article whose id, or whose opening, is in EVAL_DIR/dev.jsonl or EVAL_DIR/en-dev.jsonl is
dropped, and so is every repeat: nothing fitted on these files is measured on.
"""

import csv
import io
import json
import re
import subprocess
import sys
import zipfile

# Tokens that attach to the word before them, and those that attach to the word after them.
CLOSERS = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "”", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m"}
OPENERS = {"(", "[", "{", "“", "$", "#"}
PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": "“", "''": "”"}


def detokenize(tokens):
    """Joins word tokens into text: no space before closing punctuation or after opening."""
    out = ""
    quote_open = False
    for raw in tokens:
        tok = PTB.get(raw, raw)
        if tok == '"':
            tok = "“" if not quote_open else "”"
        if tok == "“":
            quote_open = True
        elif tok == "”":
            quote_open = False
        if not out or out[-1] in "([{“$#" or tok.lower() in CLOSERS:
            out += tok
        else:
            out += " " + tok
    return out


def git_show(mirror, path):
    return subprocess.run(["git", "-C", mirror, "show", "HEAD:" + path], check=True,
                          capture_output=True).stdout


def opening(text):
    return re.sub(r"[^a-z0-9]+", "", text.lower())[:200]


# The commit of artidoro/frank whose data/articles-wbertscore-json/ holds the stories (later
# commits removed the folder).
FRANK_COMMIT = "5860706bda0641136d10d27ead52c5f6ae79630e"


def git_tree(mirror, commit, folder):
    out = subprocess.run(["git", "-C", mirror, "ls-tree", "--name-only", f"{commit}:{folder}"],
                         check=True, capture_output=True).stdout.decode("utf-8")
    return sorted(out.split())


def highlights(tokenized):
    """Splits FRANK's tokenised reference ("A says B . C did D .") into detokenised lines."""
    lines, words = [], []
    for tok in tokenized.split():
        words.append(tok)
        if tok == ".":
            lines.append(detokenize(words))
            words = []
    if words:
        lines.append(detokenize(words))
    return "\n".join(lines)


def main():
    indosum, kaggle, neusum, frank, eval_dir, out_dir = sys.argv[1:7]
    held_out_ids, held_out_openings = set(), set()
    for name in ("dev.jsonl", "en-dev.jsonl"):
        with open(f"{eval_dir}/{name}", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                held_out_ids.add(record["id"])
                held_out_openings.add(opening(record["text"]))

    def keep(seen, id_, text, summary):
        key = opening(text)
        if id_ in held_out_ids or key in held_out_openings or key in seen or not summary.strip():
            return False
        seen.add(key)
        return True

    # Indonesian: IndoSum's five dev folds (their train folds are over the mirror's size limit).
    seen, rows, dropped = set(), [], 0
    for fold in range(1, 6):
        for line in git_show(indosum, f"indosum/dev.0{fold}.jsonl").decode("utf-8").splitlines():
            a = json.loads(line)
            text = "\n\n".join(" ".join(detokenize(s) for s in p) for p in a["paragraphs"])
            summary = "\n".join(detokenize(s) for s in a["summary"])
            if keep(seen, a["id"], text, summary):
                rows.append({"id": a["id"], "text": text, "summary": summary})
            else:
                dropped += 1
    write(f"{out_dir}/id-train.jsonl", rows)
    print(f"id-train.jsonl: {len(rows)} articles ({dropped} dropped: held out or repeated)")

    # English: CNN/DailyMail train-split samples.
    seen, rows, dropped = set(), [], 0
    with zipfile.ZipFile(io.BytesIO(git_show(kaggle, "data/train_sample.zip"))) as z:
        sample = z.read("train_sample.csv").decode("utf-8")
    for r in csv.DictReader(io.StringIO(sample)):
        if keep(seen, r["id"], r["article"], r["highlights"]):
            rows.append({"id": r["id"], "text": r["article"], "summary": r["highlights"]})
        else:
            dropped += 1
    src = git_show(neusum, "sample_data/train.txt.src.100").decode("utf-8").splitlines()
    tgt = git_show(neusum, "sample_data/train.txt.tgt.100").decode("utf-8").splitlines()
    for i, (s, t) in enumerate(zip(src, tgt)):
        text = " ".join(detokenize(x.split()) for x in s.split("##SENT##"))
        summary = "\n".join(detokenize(x.split()) for x in t.split("##SENT##"))
        if keep(seen, f"neusum-train-{i}", text, summary):
            rows.append({"id": f"neusum-train-{i}", "text": text, "summary": summary})
        else:
            dropped += 1
    # FRANK (Pagnoni et al., 2021): 250 CNN/DailyMail *test*-split stories with their
    # highlights (the cased `bart_reference`); its 40-hex file names are the stories' URL hashes,
    # the ids of the eval files.
    folder = "data/articles-wbertscore-json"
    for name in git_tree(frank, FRANK_COMMIT, folder):
        if not re.fullmatch(r"[0-9a-f]{40}\.json", name):
            continue
        a = json.loads(subprocess.run(["git", "-C", frank, "show", f"{FRANK_COMMIT}:{folder}/{name}"],
                                      check=True, capture_output=True).stdout)
        id_ = a["hash"]
        if keep(seen, id_, a["article"], a["bart_reference"]):
            rows.append({"id": a["id"], "text": a["article"], "summary": highlights(a["bart_reference"])})
        else:
            dropped += 1
    write(f"{out_dir}/en-train.jsonl", rows)
    print(f"en-train.jsonl: {len(rows)} articles ({dropped} dropped: held out or repeated)")
    is_cnn = lambda r: (r["id"].startswith(("neusum-", "cnn-test-"))
                        or (not r["id"].startswith("dm-test-") and "(CNN)" in r["text"][:300]))
    cnn = [r for r in rows if is_cnn(r)]
    write(f"{out_dir}/en-train-cnn.jsonl", cnn)
    print(f"en-train-cnn.jsonl: {len(cnn)} CNN stories")
    clean = [r for r in rows if is_cnn(r) or r["id"].startswith("dm-test-")]
    write(f"{out_dir}/en-train-clean.jsonl", clean)
    print(f"en-train-clean.jsonl: {len(clean)} CNN stories and FRANK's Daily Mail ones")


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
