#!/usr/bin/env bash
# Installs what Shaobing needs to build, test and run, on Debian 12, as root.
# Idempotent: installs only the packages that are missing; `npm ci` only when the lockfile
# changed since the last install. Nothing is downloaded at run time.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libsodium-dev libyaml-cpp-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs npm chromium chromium-l10n fonts-noto-cjk wrk
  clang-16 libclang-rt-16-dev  # libFuzzer targets (make fuzz)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A machine that brings its own Node.js (with npm) keeps it.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs/}")
  missing=("${missing[@]/npm/}")
fi
to_install=()
for p in "${missing[@]}"; do [ -n "$p" ] && to_install+=("$p"); done

if [ ${#to_install[@]} -gt 0 ]; then
  echo "安装依赖 / installing: ${to_install[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "缺少依赖且当前不是 root / missing packages and not root: ${to_install[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${to_install[@]}"
fi

# The web app's packages, from the committed lockfile.
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ -f "$root/web/package-lock.json" ]; then
  stamp="$root/web/node_modules/.lock-sha256"
  want="$(sha256sum "$root/web/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
fi
