#!/usr/bin/env bash
# Whole cold builds (`mlsd build` into a fresh folder): wall time, CPU time (user + sys) and
# peak memory, the median of RUNS runs, for the reference spec and generated specs; with
# BASE=path/to/an/older/mlsd, each run of the new binary is paired with one of BASE, back to
# back, and the CPU ratio new / base is printed (the machines are shared: ratios are steadier
# than times).
#
#   benches/build_scale.sh [RUNS]          BASE=/path/to/mlsd benches/build_scale.sh 3
#
# Specs: feed_ranking; generated `structured` 1,000 / 10 groups / 2,000 flows and 5,000 / 50
# / 10,000 (a call tree per group, partner groups); generated `uniform` 5,000 / 50 / 10,000
# (long chains and random flows between any two groups: the worst case for a layout).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
TARGET="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet --bin mlsd --example views_timing
MLSD="$TARGET/release/mlsd"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp specs/feed_ranking.mlsd "$WORK/reference.mlsd"
WRITE="$WORK/structured_1000.mlsd" "$TARGET/release/examples/views_timing" 1000 10 2000
WRITE="$WORK/structured_5000.mlsd" "$TARGET/release/examples/views_timing" 5000 50 10000
WRITE="$WORK/uniform_5000.mlsd" "$TARGET/release/examples/views_timing" 5000 50 10000 --uniform

python3 - "$MLSD" "${BASE:-}" "$RUNS" "$WORK" <<'PY'
import os, shutil, statistics, subprocess, sys, time
mlsd, base, runs, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]

def one(binary, spec):
    out = os.path.join(work, "out")
    shutil.rmtree(out, ignore_errors=True)
    r = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", binary, "build", spec, "-o", out],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None
    wall, user, sys_, rss = r.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(sys_), int(rss) / 1024

print("| spec | files | wall | CPU | peak RSS | CPU ratio to BASE |")
print("|---|---:|---:|---:|---:|---:|")
for name in ["reference", "structured_1000", "structured_5000", "uniform_5000"]:
    spec = os.path.join(work, name + ".mlsd")
    new, old = [], []
    for _ in range(runs):
        new.append(one(mlsd, spec))
        if base:
            old.append(one(base, spec))
    files = sum(len(f) for d, _, f in os.walk(os.path.join(work, "out")) if "/.mlsd" not in d + "/")
    ok = [r for r in new if r]
    med = lambda rows, i: statistics.median(r[i] for r in rows)
    ratio = ""
    if base and all(old) and ok:
        ratio = f"{med(ok, 1) / med(old, 1):.2f} (base {med(old, 0):.2f} s wall, {med(old, 1):.2f} s CPU, {med(old, 2):.0f} MB)"
    elif base:
        ratio = "base failed"
    if ok:
        print(f"| {name} | {files} | {med(ok, 0):.2f} s | {med(ok, 1):.2f} s | {med(ok, 2):.0f} MB | {ratio} |")
    else:
        print(f"| {name} | - | failed | | | {ratio} |")
PY
