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
  stamp="$root/web/node_modules/.lock-sha256"
  want="$(sha256sum "$root/web/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
fi
