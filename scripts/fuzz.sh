#!/usr/bin/env bash
# Runs every libFuzzer harness for a bounded time (FUZZ_SECONDS each, default 30) over a corpus seeded
# from tests/fuzz/corpus/ and the repository's own example data and golden archives. Fails on any
# crash, leak, hang or sanitizer report; the reproducer is left in build/fuzz/findings/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${FUZZ_SECONDS:-30}
all_harnesses="fuzz_csv fuzz_features fuzz_people fuzz_archive fuzz_notes fuzz_project_csv fuzz_graph"
harnesses=${FUZZ_HARNESSES:-$all_harnesses}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" >/dev/null
work=build/fuzz/corpora
findings=build/fuzz/findings
rm -rf "$work" && mkdir -p "$work" "$findings"
for harness in $all_harnesses; do
  mkdir -p "$work/$harness"
  cp tests/fuzz/corpus/"$harness"/* "$work/$harness/" 2>/dev/null || true
done
cp examples/data/storvik/*.csv "$work/fuzz_csv/"
cp examples/data/storvik/notes.csv "$work/fuzz_notes/storvik-notes.csv"
for golden in tests/golden/project_v1.*; do  # payloads without the header line, and whole files
  tail -n +2 "$golden" > "$work/fuzz_archive/payload-$(basename "$golden")"
  cp "$golden" "$work/fuzz_archive/"
done
status=0
for harness in $harnesses; do
  log="build/fuzz/$harness.log"
  if ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1 \
     "build/fuzz/tests/fuzz/$harness" "$work/$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -artifact_prefix="$findings/$harness-" -print_final_stats=1 >"$log" 2>&1; then
    runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    echo "$harness: $runs executions in ${seconds}s, no findings"
  else
    echo "$harness: FAILED, see $log and $findings/"
    grep -E "ERROR|SUMMARY|runtime error" "$log" | head -5
    status=1
  fi
done
exit $status
