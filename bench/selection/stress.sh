#!/usr/bin/env bash
# The selection stress test at a larger size than the test command's 200 instances: every route
# (relaxation on and off; LEXIMIN, maximin, Nash) on generated pools with real integrality gaps, against
# every panel enumerated (tests/cpp/test_selection_bruteforce.cpp). Builds the tests in build/stress
# (Release with assertions of the tests, no sanitizers) and prints the tally.
#
#   bash bench/selection/stress.sh [INSTANCES]     # default 2000 (about a minute on 2 cores)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
instances=${1:-2000}
cmake -S "$root" -B "$root/build/stress" -DCMAKE_BUILD_TYPE=Release -DSERVICEDESIGN_BUILD_PYTHON=OFF \
  -DSERVICEDESIGN_BUILD_DOCS=OFF >/dev/null
cmake --build "$root/build/stress" --target test_selection -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
SERVICEDESIGN_STRESS_INSTANCES=$instances "$root/build/stress/tests/test_selection" \
  --gtest_filter='SelectionBruteForce.EveryRouteOnInstancesWithIntegralityGaps' | grep -E "instances|OK|FAILED|Failure"
