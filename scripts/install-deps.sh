#!/usr/bin/env bash
# Installs everything servicedesign needs on a fresh Debian bookworm machine.
# Idempotent and quiet: Debian packages already present are skipped, the Python
# virtual environment (.venv) is created once and only topped up afterwards.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

debian_packages=(
  build-essential            # g++ 12, make
  libboost-serialization-dev # project archives
  libgtest-dev libgmock-dev  # C++ tests
  doxygen                    # API docs
  coinor-libcbc-dev coinor-libclp-dev  # LP/ILP solvers for selection
  libstemmer-dev             # Snowball stemmers for insights
  libhnswlib-dev             # approximate nearest neighbours of dense vectors (insights; header-only)
  liblingua-stopwords-perl   # Snowball stop-word lists (read at configure time)
  snowball-data              # Snowball word lists with expected stems (test vectors)
  pkg-config
  clang clang-tidy libclang-rt-14-dev  # sanitizers, fuzzing, static analysis
)

missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
  echo "install-deps: creating $venv"
  python3 -m venv "$venv"
fi
stamp="$venv/.requirements-stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$root/scripts/requirements-dev.txt" "$stamp"; then
  echo "install-deps: installing Python packages into .venv"
  # This machine's pip configuration may point at extra local indexes; their absence is not an error.
  "$venv/bin/python" -m pip install -q --upgrade pip 2> >(grep -v "is ignored: it is neither" >&2)
  "$venv/bin/python" -m pip install -q -r "$root/scripts/requirements-dev.txt" 2> >(grep -v "is ignored: it is neither" >&2)
  cp "$root/scripts/requirements-dev.txt" "$stamp"
fi
