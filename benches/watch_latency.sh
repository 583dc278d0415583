#!/usr/bin/env bash
# Save-to-disk latency of the real `mlsd watch` (release build) on the reference spec: ~20
# saves of a one-byte label change, each timed from the write of the spec to the new
# architecture.svg on disk; prints every sample, then the median and p90.
#
#   benches/watch_latency.sh [SAVES] [extra watch options, e.g. --format svg]
#
# `rebuilt:` is printed after the last file is written. The time includes the watcher's debounce (50 ms of quiet after the last event of a save).
set -euo pipefail
cd "$(dirname "$0")/.."
SAVES="${1:-20}"
shift || true

TARGET="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet
MLSD="$TARGET/release/mlsd"

python3 - "$MLSD" "$SAVES" "$@" <<'EOF'
import os, queue, statistics, subprocess, sys, tempfile, threading, time

mlsd, saves, extra = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
work = tempfile.mkdtemp(prefix="mlsd-latency-")
spec = os.path.join(work, "feed_ranking.mlsd")
text = open("specs/feed_ranking.mlsd", encoding="utf-8").read()
assert '"Feed service"' in text
open(spec, "w", encoding="utf-8").write(text)
svg = os.path.join(work, "feed_ranking", "diagrams", "architecture.svg")

proc = subprocess.Popen([mlsd, "watch", spec, *extra], stderr=subprocess.PIPE, text=True)
lines = queue.Queue()  # (arrival time, line)

def read():
    for line in proc.stderr:
        lines.put((time.monotonic(), line))
    lines.put((time.monotonic(), None))

threading.Thread(target=read, daemon=True).start()

def wait_line(prefix, limit=120.0):
    while True:
        at, line = lines.get(timeout=limit)
        if line is None:
            sys.exit("mlsd watch stopped")
        if line.startswith(prefix):
            return at, line

wait_line("watching ")
svg_ms, done_ms, reported = [], [], []
try:
    for i in range(saves):
        label = f"Feed servic{'fg'[i % 2]}"
        new = text.replace('"Feed service"', f'"{label}"', 1)
        start = time.monotonic()
        with open(spec, "w", encoding="utf-8") as f:
            f.write(new)
        deadline = start + 30
        while True:
            try:
                with open(svg, encoding="utf-8") as f:
                    if label in f.read():
                        break
            except FileNotFoundError:
                pass
            if time.monotonic() > deadline:
                sys.exit(f"save {i}: no new SVG within 30 s")
            time.sleep(0.001)
        svg_ms.append((time.monotonic() - start) * 1000)
        at, line = wait_line("rebuilt: ")
        done_ms.append((at - start) * 1000)
        reported.append(int(line.rsplit(" in ", 1)[1].split(" ms")[0]))
        time.sleep(0.2)
finally:
    proc.terminate()
    proc.wait()

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]

def show(what, xs):
    print(f"{what}: median {statistics.median(xs):.0f} ms, p90 {pct(xs, 90):.0f} ms "
          f"(min {min(xs):.0f}, max {max(xs):.0f}, {len(xs)} saves)")

print("save -> every file written (ms):", " ".join(f"{s:.0f}" for s in done_ms))
show("save -> architecture.svg on disk", svg_ms)
show("save -> every file written (the `rebuilt:` line)", done_ms)
show("build + write alone (as `rebuilt:` reports it)", reported)
EOF
