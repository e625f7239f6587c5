#!/usr/bin/env bash
# The main job: install everything, build the library and its Python package, and run the
# end-to-end demo on the bundled example project.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh
"$root/.venv/bin/python" -m pip install -q --no-build-isolation -Cbuild-dir=build/python .
cd "$root/.venv" && exec "$root/.venv/bin/servicedesign" demo --report "$root/build/demo/report.md"
