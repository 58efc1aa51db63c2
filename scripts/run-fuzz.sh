#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang++-16 in build-fuzz/ and runs each of them.
#
#   scripts/run-fuzz.sh                      every target for FUZZ_SECONDS (default 60) each
#   scripts/run-fuzz.sh --total 60           every target, the 60 seconds split between them (make test)
#   scripts/run-fuzz.sh --runs 10000000      every target for that many executions (the long run)
#   scripts/run-fuzz.sh ... report_json ...  only the targets named
#   FUZZ_OUT=DIR scripts/run-fuzz.sh ...     corpora, artifacts and logs in DIR (default build-fuzz)
#   scripts/run-fuzz.sh --resume ...         go on from the working corpus a former run left in DIR
#
# Every run appends one line per target to DIR/ledger.tsv (date, target, executions, seconds,
# result), so a long run made of several resumed chunks adds up to its total.
# Without --resume each run starts from a fresh working corpus (build-fuzz/work/<target>/) over
# the seeds in build-fuzz/corpus/<target>/: the committed fuzz/seeds/<target>/, the project's
# data files and test data, and what fuzz_seeds derives from them. A crash, leak, timeout (10 s) or a run over
# 2 GiB fails the script; the input that did it is left in build-fuzz/artifacts/<target>/ and
# the message names the command that replays it. Stats per target: build-fuzz/logs/<target>.log.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${FUZZ_BUILD:-$root/build-fuzz}"
out="${FUZZ_OUT:-$build}"
seconds="${FUZZ_SECONDS:-60}"
total=""
runs=""
resume=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --total) total="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --resume) resume=1; shift ;;
    -*) echo "run-fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done

all=(report_json catalogue_yaml units_yaml units_csv roster_csv regions_yaml demo_accounts eval_ndjson request_target http_request serve_config scenario_ndjson attachment_media)
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

# The longest input each target is given: large enough for a realistic file of its kind.
max_len() {
  case "$1" in
    report_json) echo 4096 ;;
    catalogue_yaml) echo 8192 ;;
    units_yaml | units_csv | roster_csv | demo_accounts) echo 2048 ;;
    regions_yaml) echo 6144 ;;
    eval_ndjson | scenario_ndjson) echo 8192 ;;
    request_target) echo 10240 ;;   # DecodeTarget refuses more than 8192 bytes
    http_request) echo 20480 ;;     # the header limit is 16 KiB
    attachment_media) echo 65536 ;; # small photos, PDFs and Office files
    *) echo 4096 ;;
  esac
}

# Seeds besides fuzz/seeds/<target>/ and what fuzz_seeds writes (it cuts data/units/*.yaml into
# registries short enough for -max_len).
data_seeds() {
  case "$1" in
    catalogue_yaml) ls "$root"/data/standards/*.yaml "$root"/testdata/standards/* ;;
    units_csv) ls "$root"/testdata/units/*.csv ;;
    regions_yaml) ls "$root"/data/regions/*.yaml ;;
    demo_accounts) ls "$root"/data/demo/accounts.yaml ;;
  esac 2>/dev/null
}

echo "== 构建模糊测试 / building fuzz targets ($build) =="
# The archiver is binutils' (build-essential): left to itself CMake takes clang's neighbour
# llvm-ar, which Debian ships in llvm-14, not in clang-16. Nothing here uses LTO, so
# GNU ar reads clang's objects. A build directory configured before keeps the archiver CMake
# detected then (CMakeFiles/<version>/): that detection is redone, the objects are kept.
# Runs sharing one build directory (several FUZZ_OUT lanes) build one at a time.
mkdir -p "$build"
exec 9>"$build/.build.lock"
flock 9
if ls "$build"/CMakeFiles/[0-9]*/CMakeCXXCompiler.cmake >/dev/null 2>&1 &&
  ! grep -qx 'set(CMAKE_AR "/usr/bin/ar")' "$build"/CMakeFiles/[0-9]*/CMakeCXXCompiler.cmake; then
  rm -rf "$build/CMakeCache.txt" "$build"/CMakeFiles/[0-9]*
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-16 \
  -DCMAKE_AR:FILEPATH=/usr/bin/ar -DCMAKE_RANLIB:FILEPATH=/usr/bin/ranlib \
  -DSHAOBING_FUZZ=ON -DSHAOBING_TESTS=OFF -DSHAOBING_BENCH=OFF >/dev/null || exit 1
ninja -C "$build" fuzzers >"$build/ninja.log" 2>&1 || { tail -40 "$build/ninja.log"; exit 1; }
flock -u 9

rm -rf "$out/corpus"
"$build/fuzz/fuzz_seeds" "$out/corpus" || exit 1
for t in "${targets[@]}"; do
  mkdir -p "$out/corpus/$t"
  [ -d "$root/fuzz/seeds/$t" ] && cp "$root/fuzz/seeds/$t"/* "$out/corpus/$t/"
  while read -r f; do [ -n "$f" ] && cp "$f" "$out/corpus/$t/$(basename "$(dirname "$f")")-$(basename "$f")"; done < <(data_seeds "$t")
done

if [ -n "$total" ]; then
  seconds=$(( total / ${#targets[@]} ))
  [ "$seconds" -lt 1 ] && seconds=1
fi
if [ -n "$runs" ]; then limit=(-runs="$runs"); else limit=(-max_total_time="$seconds"); fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
# Stack traces with file and line when an llvm-symbolizer is installed (package llvm-16 or any
# other version); without one they show addresses, and the reproducer still replays.
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ]; then
  for s in llvm-symbolizer-16 /usr/lib/llvm-16/bin/llvm-symbolizer llvm-symbolizer; do
    if command -v "$s" >/dev/null 2>&1; then export ASAN_SYMBOLIZER_PATH="$(command -v "$s")"; break; fi
  done
fi
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
mkdir -p "$out/logs"
failed=()
printf '%-16s %12s %9s %8s %7s  %s\n' target executions exec/s seconds corpus result
for t in "${targets[@]}"; do
  work="$out/work/$t" artifacts="$out/artifacts/$t/" log="$out/logs/$t.log"
  [ -z "$resume" ] && rm -rf "$work"
  rm -rf "$artifacts" && mkdir -p "$work" "$artifacts"
  dict=()
  [ -f "$root/fuzz/$t.dict" ] && dict=(-dict="$root/fuzz/$t.dict")
  start=$(date +%s)
  "$build/fuzz/fuzz_$t" "${limit[@]}" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "${dict[@]}" "$work" "$out/corpus/$t" >"$log" 2>&1
  status=$?
  elapsed=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(ls "$work" | wc -l)
  if [ "$status" -eq 0 ]; then result=ok; else result="FAILED ($status)"; failed+=("$t"); fi
  printf '%-16s %12s %9s %8s %7s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "$elapsed" "$corpus" "$result"
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "${execs:-0}" "$elapsed" "$result" >>"$out/ledger.tsv"
  if [ "$status" -ne 0 ]; then
    grep -E '^(==[0-9]+==ERROR|SUMMARY|property violated|  \()' "$log" | head -5 | sed 's/^/    /'
    for a in "$artifacts"*; do
      [ -f "$a" ] && echo "    重现 / reproduce: $build/fuzz/fuzz_$t $a"
    done
    echo "    日志 / log: $log"
  fi
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "模糊测试失败 / fuzzing failed: ${failed[*]}"
  exit 1
fi
echo "模糊测试通过 / fuzzing passed"
