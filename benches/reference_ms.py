#!/usr/bin/env python3
"""Cold builds of one spec, timed in milliseconds, several binaries alternating run by run.

    python3 benches/reference_ms.py RUNS SPEC MLSD [MLSD ...] [--fresh]

Each run builds SPEC with each binary in turn (a new mlsd against an older one, say) and
prints, per binary, the median wall time with its quartiles and fastest run, and the median
CPU time (user + sys, from the child's rusage). `build_scale.sh` reports /usr/bin/time's
hundredths of a second; this is for the reference spec, whose build takes about 150 ms.

By default the output folder is removed before each build (`rm -rf`, as `build_scale.sh`
does). With `--fresh` every build goes into a folder of its own and all are removed at the
end: on a file system without a journal (this machine's), ext4 skips recently deleted inodes
when it allocates new ones, and a benchmark that deletes ~100 files per run makes each build
look for free inodes past thousands of them.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--fresh"]
    fresh = "--fresh" in sys.argv[1:]
    if len(args) < 3:
        sys.exit(__doc__)
    runs, spec, binaries = int(args[0]), args[1], args[2:]
    root = tempfile.mkdtemp(prefix="mlsd-ms-")
    times = {b: ([], []) for b in binaries}
    n = 0
    try:
        for _ in range(runs):
            for binary in binaries:
                n += 1
                out = os.path.join(root, f"out{n}" if fresh else "out")
                if not fresh:
                    shutil.rmtree(out, ignore_errors=True)
                start = time.perf_counter()
                child = subprocess.Popen(
                    [binary, "build", spec, "-o", out],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                _, status, usage = os.wait4(child.pid, 0)
                wall = time.perf_counter() - start
                if status != 0:
                    sys.exit(f"{binary} failed to build {spec}")
                times[binary][0].append(wall * 1000)
                times[binary][1].append((usage.ru_utime + usage.ru_stime) * 1000)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for binary, (wall, cpu) in times.items():
        q1, _, q3 = statistics.quantiles(wall, n=4) if len(wall) > 1 else (wall[0],) * 3
        print(
            f"{binary}: wall median {statistics.median(wall):.1f} ms "
            f"(quartiles {q1:.1f}-{q3:.1f}, fastest {min(wall):.1f}), "
            f"CPU median {statistics.median(cpu):.1f} ms"
        )


if __name__ == "__main__":
    main()
