#!/usr/bin/env bash
# Installs what Shaobing needs to build, test and run, on Debian 12, as root: the packages
# listed in scripts/debian-packages.txt (scripts/check-deps.sh checks in `make test` that the
# list covers what the build uses), then the web app's npm packages.
# Idempotent: installs only the packages that are missing; `npm ci` only when the lockfile
# changed since the last install. Nothing is downloaded at run time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

# has_all PROG,PROG...: every program named is on PATH.
has_all() {
  local p
  for p in ${1//,/ }; do command -v "$p" >/dev/null 2>&1 || return 1; done
}

to_install=()
while read -r name fields; do
  [ -n "$name" ] || continue
  own="$(sed -n 's/.*keep-own=\([^ ]*\).*/\1/p' <<<"$fields")"
  # A machine that brings its own Node.js (with npm) keeps it.
  if [ -n "$own" ] && has_all "$own"; then continue; fi
  dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed" || to_install+=("$name")
done < <(sed 's/#.*//' "$root/scripts/debian-packages.txt")

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
if [ -f "$root/web/package-lock.json" ]; then
  # web/package.json's "engines" says which Node.js the build tools need; Debian 12's own
  # nodejs package is older than some of them ask for, so say so before they fail obscurely.
  want_node="$(sed -n 's/.*"node": *">= *\([0-9.]*\)".*/\1/p' "$root/web/package.json")"
  have_node="$(node --version 2>/dev/null | sed 's/^v//')"
  if [ -n "$want_node" ] && [ "$(printf '%s\n%s\n' "$want_node" "$have_node" | sort -V | head -n1)" != "$want_node" ]; then
    echo "Node.js 版本过旧 / Node.js too old: ${have_node:-none} < $want_node (web/package.json engines);" \
         "请安装 Node.js $want_node 或更新版本（Debian 12 自带的 nodejs 不够新）后重试 /" \
         "install Node.js $want_node or newer (Debian 12's nodejs is older) and run again" >&2
    exit 1
  fi
  stamp="$root/web/node_modules/.lock-sha256"
  want="$(sha256sum "$root/web/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
fi
