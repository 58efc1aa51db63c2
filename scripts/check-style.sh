#!/usr/bin/env bash
# Style enforced: fails when a C++ file is off .clang-format or clang-tidy reports (the checks
# of .clang-tidy, every finding an error). Runs in `make test` (scripts/run-tests.sh).
#
#   scripts/check-style.sh [--no-format] [--no-tidy] [--with-tests] [--source DIR] [BUILD_DIR]
#
# 1. Format: clang-format-16 --dry-run --Werror on every tracked C++ file (git ls-files of
#    src/, tests/, fuzz/, bench/: *.cc, *.h); names the files off format and how to fix them.
# 2. Tidy: configures a clang build of the source tree in BUILD_DIR (default build-tidy, only
#    configured, never built: generated sources are made at configure time) for its
#    compile_commands.json, then runs run-clang-tidy-16 -j $(nproc) over the project's
#    translation units: src/, fuzz/ and bench/ without the tests (*_test.cc, tests/), which
#    would add half as much again; --with-tests takes them too. The 104 units take about 13
#    CPU minutes: some 7 minutes on two cores. Every clang build compiles with
#    -Wthread-safety (CMakeLists.txt), so a GUARDED_BY member used without its mutex is a
#    finding too (clang-diagnostic-thread-safety-*). Findings are listed once each (a header's
#    repeat in every unit that includes it); the whole output is in BUILD_DIR/clang-tidy.log.
# --no-format / --no-tidy skip a part; --source DIR checks another tree (the self-test,
# scripts/check-style-test.sh). Prints the time each part took.
# Exit 0: both parts clean. Exit 1: findings. Exit 2: bad usage, or the configure failed.
set -uo pipefail
export LC_ALL=C
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root"
build=""
do_format=1
do_tidy=1
with_tests=0

usage() { sed -n 's/^#   \(scripts\/check-style.sh .*\)/usage: \1/p' "$0" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --no-format) do_format=0 ;;
    --no-tidy) do_tidy=0 ;;
    --with-tests) with_tests=1 ;;
    --source) [ $# -ge 2 ] || usage; src="$(cd "$2" && pwd)" || exit 2; shift ;;
    -h|--help) usage ;;
    -*) usage ;;
    *) [ -z "$build" ] || usage; build="$1" ;;
  esac
  shift
done
build="${build:-build-tidy}"
case "$build" in /*) ;; *) build="$src/$build" ;; esac
cd "$src" || exit 2
failed=0

if [ "$do_format" -eq 1 ]; then
  echo "-- clang-format ($(clang-format-16 --version | sed 's/.*version \([0-9.]*\).*/\1/'), .clang-format)"
  started=$SECONDS
  mapfile -t files < <(git ls-files -- 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'fuzz/*.cc' 'fuzz/*.h' \
                                        'bench/*.cc' 'bench/*.h')
  # One process for all (a process per file costs a hundred times more); each place off format
  # is reported as FILE:LINE:COL: error: code should be clang-formatted.
  report="$(printf '%s\0' "${files[@]}" | xargs -0 -r clang-format-16 --dry-run --Werror 2>&1)"
  format_status=$?
  mapfile -t off < <(sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' <<<"$report" | sort -u)
  if [ "$format_status" -ne 0 ] && [ "${#off[@]}" -eq 0 ]; then
    printf '%s\n' "$report" | tail -n 20
    echo "clang-format failed without naming a file off format (above)"
    failed=1
  elif [ "${#off[@]}" -gt 0 ]; then
    echo "格式不符 / off format: ${#off[@]} of ${#files[@]} files:"
    printf '  %s\n' "${off[@]}"
    echo "修正 / to fix: clang-format-16 -i FILE... (in $src)"
    failed=1
  else
    echo "${#files[@]} files formatted"
  fi
  echo "clang-format: $((SECONDS - started)) s"
fi

if [ "$do_tidy" -eq 1 ]; then
  echo "-- clang-tidy ($(clang-tidy-16 --version | sed -n 's/.*version \([0-9.]*\).*/\1/p'), .clang-tidy)"
  started=$SECONDS
  if ! cmake -S "$src" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-16 -DCMAKE_BUILD_TYPE=Debug \
       -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >"$build.configure.log" 2>&1; then
    cat "$build.configure.log"
    echo "check-style.sh: the clang configure of $src in $build failed" >&2
    exit 2
  fi
  rm -f "$build.configure.log"
  # run-clang-tidy takes regular expressions on the paths of compile_commands.json.
  src_re="$(printf '%s' "$src" | sed 's/[].[\*^$()+?{}|]/\\&/g')"
  if [ "$with_tests" -eq 1 ]; then units="^$src_re/(src|tests|fuzz|bench)/.*\.cc$"
  else units="^$src_re/(src|fuzz|bench)/.*(?<!_test)\.cc$"; fi
  log="$build/clang-tidy.log"
  run-clang-tidy-16 -p "$build" -j "$(nproc)" -quiet "$units" >"$log" 2>&1
  status=$?
  checked=$(grep -c '^clang-tidy-16 ' "$log" || true)
  # Each finding once: its line, the source line and the caret.
  findings="$(awk '/^\/.*: (warning|error): .*\[[-a-z0-9.,]+\]$/ { if (!seen[$0]++) { print; keep = 2; next } keep = 0; next }
                   keep > 0 { print; keep-- }' "$log")"
  if [ -n "$findings" ]; then
    printf '%s\n' "$findings"
    echo "clang-tidy 发现 / findings by check:"
    printf '%s\n' "$findings" | sed -n 's/^\/.*: \(warning\|error\): .*\[\([-a-z0-9.,]*\)\]$/\2/p' | sed "s/,-warnings-as-errors//" | sort | uniq -c | sort -rn
    failed=1
  elif [ "$status" -ne 0 ]; then
    tail -n 40 "$log"
    echo "clang-tidy failed without a finding (above: the end of $log)"
    failed=1
  else
    echo "$checked translation units clean"
  fi
  echo "clang-tidy: $((SECONDS - started)) s ($checked translation units, -j $(nproc); output in $log)"
fi

if [ "$failed" -ne 0 ]; then
  echo "代码风格检查失败 / style check failed"
  exit 1
fi
echo "代码风格检查通过 / style check passed"
