#!/usr/bin/env bash
# Tests scripts/check-style.sh on small trees it makes in a temporary directory (the project's
# .clang-format, .clang-tidy and core/thread_annotations.h, one source file, a CMakeLists.txt
# with the clang flags of the project's): it passes on clean code and fails, naming the cause,
# on (a) a file off format, (b) a clang-tidy finding, (c) a member GUARDED_BY a mutex used
# without it. Then checks that the project's own CMakeLists.txt puts -Wthread-safety in a
# clang compile database, which (c) relies on. About half a minute.
#
#   scripts/check-style-test.sh
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failed=0

# make_tree DIR: a tree whose src/unit.cc is read from standard input.
make_tree() {
  local dir="$1"
  mkdir -p "$dir/src/core"
  cp "$root/.clang-format" "$root/.clang-tidy" "$dir/"
  cp "$root/src/core/thread_annotations.h" "$dir/src/core/"
  cat >"$dir/src/unit.cc"
  # The compile flags of CMakeLists.txt that matter here: C++23, and for clang the std::expected
  # switch and -Wthread-safety (checked below against the real file).
  cat >"$dir/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.25)
project(style_test LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 23)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
add_compile_options(-Wall -Wextra -Wpedantic -U__cpp_concepts -D__cpp_concepts=202002L
                    -Wthread-safety -Werror=thread-safety)
include_directories(${CMAKE_SOURCE_DIR}/src)
add_library(unit STATIC src/unit.cc)
EOF
  git -C "$dir" init -q && git -C "$dir" add -A
}

# expect NAME STATUS PATTERN DIR: check-style.sh on DIR exits STATUS and prints PATTERN.
expect() {
  local name="$1" want="$2" pattern="$3" dir="$4" out status
  out="$("$root/scripts/check-style.sh" --source "$dir" build 2>&1)"
  status=$?
  if [ "$status" -ne "$want" ] || ! grep -qE -- "$pattern" <<<"$out"; then
    echo "FAIL $name: exit $status (want $want), output without /$pattern/:"
    sed 's/^/  | /' <<<"$out"
    failed=1
  else
    echo "ok   $name"
  fi
}

clean='#include <condition_variable>

#include "core/thread_annotations.h"

namespace style_test {

class Counter {
 public:
  void Add() {
    shaobing::MutexLock lock(mu_);
    ++count_;
    cv_.notify_all();
  }
  int WaitForOne() {
    shaobing::MutexLock lock(mu_);
    lock.Wait(cv_, [this]() REQUIRES(mu_) { return count_ > 0; });
    return count_;
  }

 private:
  shaobing::Mutex mu_;
  std::condition_variable cv_;
  int count_ GUARDED_BY(mu_) = 0;
};

int Twice(int n) { return 2 * n; }

}  // namespace style_test'

printf '%s\n' "$clean" | make_tree "$tmp/clean"
expect "clean code passes" 0 "style check passed" "$tmp/clean"

# (a) Off format: an indentation clang-format would change.
printf '%s\n' "$clean" | sed 's/^int Twice(int n) { return 2 \* n; }$/int Twice(int n) {\n      return 2 * n; }/' |
  make_tree "$tmp/format"
expect "a file off format fails" 1 "off format: 1 of 2 files:.*|src/unit\.cc" "$tmp/format"

# (b) A clang-tidy finding: a free function named like a variable (readability-identifier-naming).
printf '%s\n' "$clean" | sed 's/Twice/twice/' | make_tree "$tmp/tidy"
expect "a clang-tidy finding fails" 1 "src/unit\.cc:[0-9]+:[0-9]+: (warning|error): invalid case style for function 'twice' \[readability-identifier-naming" "$tmp/tidy"

# (c) A GUARDED_BY member read without its mutex.
printf '%s\n' "$clean" | sed 's/^  int WaitForOne() {$/  int Peek() { return count_; }\n  int WaitForOne() {/' |
  make_tree "$tmp/threads"
expect "an unguarded access fails" 1 "src/unit\.cc:[0-9]+:[0-9]+: (warning|error): reading variable 'count_' requires holding mutex 'mu_' \[clang-diagnostic-thread-safety" "$tmp/threads"

# The project's clang compile database carries -Wthread-safety (CMakeLists.txt).
if cmake -S "$root" -B "$tmp/project" -G Ninja -DCMAKE_CXX_COMPILER=clang++-16 -DCMAKE_BUILD_TYPE=Debug \
     -DSHAOBING_TESTS=OFF -DSHAOBING_BENCH=OFF >"$tmp/project.log" 2>&1 &&
   grep -q -- '-Wthread-safety' "$tmp/project/compile_commands.json"; then
  echo "ok   the project's clang build compiles with -Wthread-safety"
else
  echo "FAIL the project's clang compile database has no -Wthread-safety"
  cat "$tmp/project.log"
  failed=1
fi

if [ "$failed" -ne 0 ]; then
  echo "check-style-test.sh: FAILED"
  exit 1
fi
echo "check-style-test.sh: all passed"
