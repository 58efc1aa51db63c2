#!/usr/bin/env bash
# Runs every test: C++ unit and integration tests on the release build and on the
# ASan/UBSan build, every fuzz target briefly (scripts/run-fuzz.sh, about a minute in all;
# it builds build-fuzz when missing), the .deb of `make package` unpacked and run
# (scripts/package-test.sh), the example alert rules (promtool check and its rule tests), the
# code style (scripts/check-style.sh: clang-format and clang-tidy, with its self-test; clang
# configures build-tidy, or the fifth argument, for the compile database), the OpenAPI
# description's lint (redocly, docs/api/redocly.yaml) and every answer of the release
# integration tests checked against it (web/scripts/check-api-responses.mjs),
# the web app's unit and end-to-end tests, then the dependency check (scripts/check-deps.sh
# over those builds, the fuzz build and the package build) and its tests.
# Ends with one summary line.
set -uo pipefail
build="${1:-build}"
asan="${2:-build-asan}"
fuzz="${3:-build-fuzz}"
package="${4:-build-package}"
tidy="${5:-build-tidy}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
failed=0

echo "== C++ tests (release) =="
# Every answer the tests get is recorded, then checked against docs/api/openapi.yaml (below).
answers="$root/$build/api-answers.ndjson"
rm -f "$answers"
(cd "$build" && SHAOBING_API_RECORD="$answers" ctest --output-on-failure -j "$(nproc)") || failed=1

echo "== C++ tests (ASan/UBSan) =="
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$asan" && ctest --output-on-failure -j "$(nproc)") || failed=1

echo "== 模糊测试（简短） / fuzz targets (brief) =="
FUZZ_BUILD="$fuzz" scripts/run-fuzz.sh --total "${FUZZ_TOTAL_SECONDS:-60}" || failed=1

echo "== 告警规则 / alert rules (docs/monitoring/, promtool) =="
(cd docs/monitoring && promtool check rules alerts.yml && promtool test rules alerts_test.yml) || failed=1

echo "== 代码风格 / style (clang-format, clang-tidy) =="
scripts/check-style.sh "$tidy" || failed=1
scripts/check-style-test.sh || failed=1

echo "== 安装包 / the .deb (scripts/package-test.sh) =="
debs=("$package"/shaobing_*.deb)
if [ -f "${debs[0]}" ]; then scripts/package-test.sh "${debs[0]}" || failed=1
else echo "没有安装包 / no package in $package (make package)"; failed=1; fi

if [ -f web/package.json ]; then
  echo "== OpenAPI 描述检查 / OpenAPI lint (docs/api/openapi.yaml) =="
  (cd web && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npm run --silent lint:api) || failed=1
  echo "== 接口回答与描述 / the integration tests' answers against docs/api/openapi.yaml =="
  (cd web && npm run --silent check:api-responses -- "$answers") || failed=1
  echo "== Web unit tests =="
  (cd web && npm run --silent test:unit) || failed=1
  echo "== Web end-to-end tests (Chromium) =="
  (cd web && SHAOBING_BIN="$root/$build/shaobing" npm run --silent test:e2e) || failed=1
fi

echo "== Dependency check (scripts/debian-packages.txt) =="
dirs=("$build" "$asan")
if [ -f "$fuzz/build.ninja" ]; then dirs+=("$fuzz"); fi
if [ -f "$package/build.ninja" ]; then dirs+=("$package"); fi
scripts/check-deps.sh --quiet "${dirs[@]}" || failed=1
scripts/check-deps-test.sh "$build" || failed=1

if [ "$failed" -ne 0 ]; then
  echo "测试失败 / tests failed"
  exit 1
fi
echo "全部测试通过 / all tests passed"
