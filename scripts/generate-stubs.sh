#!/usr/bin/env bash
# Regenerates the type stubs of the compiled module (python/servicedesign/_core/*.pyi) from the
# installed package; run after changing the bindings. tests/python/test_stubs.py runs this script
# into a temporary folder to check that the committed stubs are current.
#   scripts/generate-stubs.sh [DIR]   writes the .pyi files into DIR (default: python/servicedesign/_core)
# PYTHON names the interpreter whose servicedesign and pybind11-stubgen are used (default: .venv/bin/python).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$root/.venv/bin/python}
dest=${1:-$root/python/servicedesign/_core}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
SERVICEDESIGN_RAW_BINDINGS=1 "$python" -m pybind11_stubgen servicedesign._core -o "$out" >/dev/null
# The generator's idioms that mypy and stubtest reject (scripts/fix_stubs.py says which and why).
"$python" "$root/scripts/fix_stubs.py" "$out"/servicedesign/_core/*.pyi
mkdir -p "$dest"
cp "$out"/servicedesign/_core/*.pyi "$dest/"
