#!/usr/bin/env bash
# Tests scripts/check-deps.sh against a real build directory (default: build):
#   1. a package list without packages the build uses (libsqlite3-dev: headers, the CMake
#      find module's library; libsodium-dev: the pkg-config file; wrk: a program the
#      benchmark runs) fails, naming each of them;
#   2. a list without a package nothing uses (the sqlite3 shell) passes, and a program
#      from outside Debian is accepted when the list says keep-own= for it;
#   3. a build whose header comes from no Debian package, and a program from outside Debian
#      without keep-own=, fail, naming the files.
# Exit 0 when every case behaves so; otherwise names the case that did not.
#
#   scripts/check-deps-test.sh [BUILD_DIR]
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
check="$root/scripts/check-deps.sh"
list="$root/scripts/debian-packages.txt"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run NAME ARGS...: runs the check, keeping its status in $status and its output in $tmp/NAME.
run() {
  local name="$1"; shift
  "$check" --quiet "$@" > "$tmp/$name.out" 2>&1
  status=$?
}

# expect_line NAME TEXT: the output of NAME has a line containing TEXT.
expect_line() {
  grep -qF -- "$2" "$tmp/$1.out" || { fail "$1: no line with '$2'"; sed 's/^/    /' "$tmp/$1.out"; }
}

# without PACKAGE...: the real list without those packages' lines.
without() {
  local pattern
  pattern="$(printf '%s|' "$@")"
  grep -vE "^(${pattern%|})([[:space:]]|$)" "$list"
}

# A program named wrk on PATH that no Debian package installed.
mkdir -p "$tmp/bin"
printf '#!/bin/sh\nexit 0\n' > "$tmp/bin/wrk"
chmod +x "$tmp/bin/wrk"

echo "== 1. used packages taken out of the list =="
without libsqlite3-dev libsodium-dev wrk > "$tmp/used-removed.txt"
run used-removed --packages-from "$tmp/used-removed.txt" "$build"
[ "$status" -eq 1 ] || fail "used-removed: exit status $status, want 1"
for p in libsqlite3-dev libsodium-dev wrk; do
  expect_line used-removed "缺少依赖 / missing from scripts/install-deps.sh: $p (needed by "
done

echo "== 2. unused packages taken out; an own wrk kept by keep-own= =="
without sqlite3 wrk > "$tmp/unused-removed.txt"
echo "wrk keep-own=wrk" >> "$tmp/unused-removed.txt"
PATH="$tmp/bin:$PATH" run unused-removed --packages-from "$tmp/unused-removed.txt" "$build"
[ "$status" -eq 0 ] || { fail "unused-removed: exit status $status, want 0"; sed 's/^/    /' "$tmp/unused-removed.out"; }
expect_line unused-removed "注意 / note: $tmp/bin/wrk 不属于任何 Debian 软件包，按 keep-own 接受"

echo "== 3. a header and a program from no Debian package =="
mkdir -p "$tmp/include" "$tmp/project"
echo 'inline int Probe() { return 0; }' > "$tmp/include/probe_dep.h"
printf '#include "probe_dep.h"\nint main() { return Probe(); }\n' > "$tmp/project/probe.cc"
cat > "$tmp/project/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.25)
project(probe LANGUAGES CXX)
include_directories($tmp/include)
add_executable(probe probe.cc)
EOF
if cmake -S "$tmp/project" -B "$tmp/project/build" -G Ninja > "$tmp/cmake.log" 2>&1 &&
   ninja -C "$tmp/project/build" >> "$tmp/cmake.log" 2>&1; then
  PATH="$tmp/bin:$PATH" run unowned "$tmp/project/build"
  [ "$status" -eq 1 ] || fail "unowned: exit status $status, want 1"
  expect_line unowned "不属于任何 Debian 软件包 / not from a Debian package: $tmp/include/probe_dep.h (header)"
  expect_line unowned "不属于任何 Debian 软件包 / not from a Debian package: $tmp/bin/wrk (program run by"
else
  fail "could not build the probe project"; sed 's/^/    /' "$tmp/cmake.log"
fi

if [ "$failures" -ne 0 ]; then
  echo "依赖检查的测试失败 / dependency check tests failed: $failures"
  exit 1
fi
echo "依赖检查的测试通过 / dependency check tests passed"
