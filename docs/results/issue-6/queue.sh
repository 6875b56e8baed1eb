#!/usr/bin/env bash
# issue-6 acceptance runs, one at a time, single-threaded (results do not depend on --threads).
# Cheap groups first; skips a run whose record is already in its file.
# Run from the repository root after ./mvnw -q -DskipTests package; records go to results/.
# (The figures in issue-6.md came from a copy of the built CLI, so the tree could be rebuilt meanwhile.)
mkdir -p results && cd results
H=${HYPERLOOM:-../hyperloom}
R="--threads 1 -q"
have() { # file seed [coefficients]
  [ -f "$1" ] && python3 - "$@" <<'PY'
import json, sys
f, seed = sys.argv[1], int(sys.argv[2]); k = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None; g = sys.argv[4] if len(sys.argv) > 4 else None
for l in open(f):
    r = json.loads(l)
    if r['seed'] == seed and (g is None or r['generator'] == g) and (k is None or r['spec']['generator_options'].get('coefficients') == k):
        sys.exit(0)
sys.exit(1)
PY
}
adam() { for k in 16 64 256 1024; do have boxes-adam.jsonl $1 $k dct || $H run --task boxes --generator dct --optimizer adam -o dct.coefficients=$k --seed $1 $R --out boxes-adam.jsonl >/dev/null; done
  have boxes-adam.jsonl $1 "" direct || $H run --task boxes --generator direct --optimizer adam --seed $1 $R --out boxes-adam.jsonl >/dev/null; }
adam01() { for k in 16 64 256 1024; do have boxes-adam-lr01.jsonl $1 $k dct || $H run --task boxes --generator dct --optimizer adam -o adam.lr=0.01 -o dct.coefficients=$k --seed $1 $R --out boxes-adam-lr01.jsonl >/dev/null; done
  have boxes-adam-lr01.jsonl $1 "" direct || $H run --task boxes --generator direct --optimizer adam -o adam.lr=0.01 --seed $1 $R --out boxes-adam-lr01.jsonl >/dev/null; }
cma() { for k in 16 64 256; do have boxes-cmaes.jsonl $1 $k dct || $H run --task boxes --generator dct --optimizer cmaes -o dct.coefficients=$k --budget 10000 --seed $1 $R --out boxes-cmaes.jsonl >/dev/null; done
  have boxes-cmaes.jsonl $1 "" direct || $H run --task boxes --generator direct --optimizer cmaes --budget 10000 --seed $1 $R --out boxes-cmaes.jsonl >/dev/null; }
dpnv() { have dpnv-dct-cosyne.jsonl $1 || $H run --task double-pole-nv --generator dct --optimizer cosyne --budget 20000 --seed $1 $R --out dpnv-dct-cosyne.jsonl >/dev/null
  have dpnv-direct-cosyne.jsonl $1 || $H run --task double-pole-nv --generator direct --optimizer cosyne --budget 20000 --seed $1 $R --out dpnv-direct-cosyne.jsonl >/dev/null; }
adam 1; echo adam1
adam01 1; echo adam01-1
cma 1; echo cma1
for s in 1 2 3 4 5; do dpnv $s; done; echo dpnv5
cma 2; cma 3; echo cma3
for s in 6 7 8 9 10; do dpnv $s; done; echo dpnv10
cma 4; cma 5; echo cma5
for s in $(seq 11 20); do dpnv $s; done; echo dpnv20
adam 2; adam 3; adam01 2; adam01 3; echo all-done
