#!/usr/bin/env bash
# Regenerates the type stubs of the compiled module (python/servicedesign/_core/*.pyi) from the
# installed package; run after changing the bindings. tests/python/test_stubs.py checks they are current.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
"$root/.venv/bin/pybind11-stubgen" servicedesign._core -o "$out" >/dev/null
cp "$out"/servicedesign/_core/*.pyi "$root/python/servicedesign/_core/"
rm -rf "$out"
