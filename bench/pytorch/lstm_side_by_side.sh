#!/usr/bin/env bash
# hyperloom's plain LSTM on char-lm against the PyTorch reference (issue 10), one after the other in
# one sitting, for the same number of updates; prints both times per update, the epochs they imply
# and the ratio hyperloom/PyTorch. Not part of the product.
#
#   bench/pytorch/lstm_side_by_side.sh --data-dir DIR [--steps 30] [--threads 2] [--torch-threads T]
#                                      [--openblas LIBDIR] [--out results/lstm-side-by-side]
#
# Run from anywhere after `./mvnw -q -DskipTests package` (it uses the repository's ./hyperloom).
# --openblas LIBDIR also runs PyTorch with that OpenBLAS (a folder holding libblas.so.3) in place of
# the reference BLAS Debian's torch links; --torch-threads gives PyTorch another thread count than
# hyperloom's --threads (see README.md on OpenMP under load). The environment passes through (e.g.
# OMP_WAIT_POLICY). The hyperloom record and the PyTorch JSON lines are kept in --out.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
steps=30
threads=2
torch_threads=""
data="${HYPERLOOM_DATA:-}"
openblas=""
out="$root/results/lstm-side-by-side"
python=/usr/bin/python3   # Debian's python, which sees Debian's torch
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) steps=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --torch-threads) torch_threads=$2; shift 2 ;;
    --data-dir) data=$2; shift 2 ;;
    --openblas) openblas=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "unknown argument '$1' (allowed: --steps N --threads N --torch-threads N --data-dir DIR --openblas LIBDIR --out DIR --python PATH)" >&2; exit 2 ;;
  esac
done
if [ -z "$data" ] || [ ! -f "$data/text/tinyshakespeare/input.txt" ]; then
  echo "give --data-dir DIR with text/tinyshakespeare/input.txt in it (got '${data}')" >&2; exit 2
fi
torch_threads=${torch_threads:-$threads}
if ! [ "$steps" -ge 1 ] 2>/dev/null || ! [ "$threads" -ge 1 ] 2>/dev/null || ! [ "$torch_threads" -ge 1 ] 2>/dev/null; then
  echo "--steps, --threads and --torch-threads must be integers >= 1, got '$steps', '$threads', '$torch_threads'" >&2
  exit 2
fi
if [ -n "$openblas" ] && [ ! -f "$openblas/libblas.so.3" ]; then
  echo "--openblas: no libblas.so.3 in '$openblas'" >&2; exit 2
fi
if [ ! -f "$root/cli/target/hyperloom.jar" ]; then
  echo "build hyperloom first: (cd $root && ./mvnw -q -DskipTests package)" >&2; exit 2
fi
mkdir -p "$out"
# B = 32 streams: adam.chunk = ceil(32/threads) makes one group of streams per thread (the default
# chunk, 100, leaves all 32 in one group, so one thread); the gradient is summed in group order and
# does not depend on the chunk beyond rounding.
chunk=$(( (32 + threads - 1) / threads ))

echo "# $(date -u +%FT%TZ) $(nproc) cores; uptime before: $(uptime | sed 's/.*load/load/')"
echo "# hyperloom: char-lm direct adam, $steps updates, --threads $threads, adam.chunk=$chunk"
rm -f "$out/hyperloom.jsonl" "$out/pytorch.json" "$out/pytorch-openblas.json"
# eval-every = steps: θ is scored only before and after; eval-chars=200 keeps that scoring to a few
# milliseconds so the curve's seconds are training time (the full validation pass at the end is
# outside the curve, inside wall_seconds)
"$root/hyperloom" run --task char-lm --generator direct --optimizer adam --data-dir "$data" \
  --budget "$steps" -o adam.lr=0.002 -o adam.clip=5 -o adam.eval-every="$steps" -o adam.chunk="$chunk" \
  -o char-lm.eval-chars=200 --threads "$threads" -q --out "$out/hyperloom.jsonl" > /dev/null
echo "#   uptime after: $(uptime | sed 's/.*load/load/')"

echo "# PyTorch (Debian's torch, its BLAS as installed): $steps updates, --threads $torch_threads, OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-unset}"
"$python" "$here/lstm_charlm.py" --data-dir "$data" --steps "$steps" --threads "$torch_threads" | tee "$out/pytorch.json"
echo "#   uptime after: $(uptime | sed 's/.*load/load/')"
if [ -n "$openblas" ]; then
  echo "# PyTorch with OpenBLAS from $openblas: $steps updates, --threads $torch_threads"
  LD_LIBRARY_PATH="$openblas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS="$torch_threads" \
    "$python" "$here/lstm_charlm.py" --data-dir "$data" --steps "$steps" --threads "$torch_threads" \
    | tee "$out/pytorch-openblas.json"
  echo "#   uptime after: $(uptime | sed 's/.*load/load/')"
fi

"$python" - "$out" "$steps" "$threads" <<'EOF'
import json, os, sys
out, steps, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3]
r = json.loads(open(os.path.join(out, "hyperloom.jsonl")).read().splitlines()[-1])
curve = r["curve"]
if r["gradient_steps"] != steps or curve[-1]["steps"] != steps:
    sys.exit(f"hyperloom stopped after {r['gradient_steps']} updates ({r.get('stop_reason')}), not {steps}")
hl = (curve[-1]["seconds"] - curve[0]["seconds"]) / steps
rows = [(f"hyperloom (double, {threads}t)", hl, r["theta_count"])]
for name, label in (("pytorch.json", "pytorch"), ("pytorch-openblas.json", "pytorch+openblas")):
    path = os.path.join(out, name)
    if os.path.exists(path):
        p = json.loads(open(path).read().splitlines()[-1])
        rows.append((f"{label} ({p['dtype']}, {p['threads']}t)", p["seconds_per_step"], p["theta"]))
        epoch = p["epoch_steps"]
print(f"{'':32} {'s/update':>9} {'epoch s':>9} {'|θ|':>8}   (epoch = {epoch} updates, extrapolated from {steps})")
for label, s, theta in rows:
    print(f"{label:32} {s:9.4f} {s * epoch:9.1f} {theta:8d}")
for label, s, _ in rows[1:]:
    print(f"ratio hyperloom / {label}: {hl / s:.2f}")
EOF
