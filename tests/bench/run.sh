#!/usr/bin/env bash
# Runs every benchmark program; each prints its own `bench <name>: …` lines.
# Ratios are measured against peers in the same run (PERF.md); absolute times drift.
# The long fuzz of the server and the codec is not a benchmark: `make fuzz` (FUZZ_SECONDS=600).
set -uo pipefail
build=${BUILD:-build}
status=0
for b in "$build"/bench/bench_*; do
  [ -x "$b" ] || continue
  QT_QPA_PLATFORM=offscreen "$b" || { echo "bench $(basename "$b"): failed (exit $?)"; status=1; }
done
# Live positions on one instance as well as on two: the one-instance goal is the one a
# district hall meets on this 2-core machine, the two-instance one the city scale's.
b="$build"/bench/bench_sync_positions
if [ -x "$b" ]; then
  GH_BENCH_INSTANCES=1 QT_QPA_PLATFORM=offscreen "$b" || { echo "bench positions (one instance): failed (exit $?)"; status=1; }
fi
exit $status
