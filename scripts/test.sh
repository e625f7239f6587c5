#!/usr/bin/env bash
# Runs every test of servicedesign on a fresh machine: installs what is missing, then
#   1. C++ build with warnings as errors, GoogleTest suites, consumer projects (find_package,
#      add_subdirectory) and the Doxygen build (warnings as errors);
#   2. the Python package built with pip into .venv and its pytest suite (warnings as errors);
#   3. the C++ suites again under AddressSanitizer + UndefinedBehaviorSanitizer;
#   4. libFuzzer on every parser for a bounded time, and clang-tidy over the library.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc 2>/dev/null || echo 2)
start=$SECONDS
step() { printf '\n==> %s (%ss)\n' "$1" "$((SECONDS - start))"; }

step "installing dependencies"
bash scripts/install-deps.sh
export PATH="$root/.venv/bin:$PATH"

step "C++ build and tests (preset dev)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs"
ctest --preset dev -j "$jobs"

step "Python package and tests"
python -m pip install -q --no-build-isolation -Cbuild-dir=build/python ".[test]"
(cd tests/python && python -m pytest -q -p no:cacheprovider)

step "C++ tests under ASan + UBSan (preset asan)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$jobs"

step "concurrency tests under ThreadSanitizer (preset tsan)"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs"
ctest --preset tsan

step "fuzzing every parser (libFuzzer + ASan/UBSan, ${FUZZ_SECONDS:-20}s each)"
FUZZ_SECONDS=${FUZZ_SECONDS:-20} bash scripts/fuzz.sh

step "clang-tidy (preset tidy)"
cmake --preset tidy >/dev/null
cmake --build --preset tidy -j "$jobs"

step "all tests passed"
