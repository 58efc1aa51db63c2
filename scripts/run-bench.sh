#!/usr/bin/env bash
# Runs the benchmarks and prints their JSON lines. Figures for docs/benchmarks.md come from
# here; each compares against a baseline measured in the same run.
set -euo pipefail
build="${1:-build}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }
echo "== bench/intake: durable first reports over HTTP keep-alive (wrk, 64 connections) =="
"$build/bench/intake_bench" "${INTAKE_SECONDS:-10}" "${INTAKE_CONNECTIONS:-64}"
if [ -x "$build/bench/standards_bench" ]; then
  echo "== bench/standards: catalogue evaluations on one core =="
  "$build/bench/standards_bench"
fi
if [ -x "$build/bench/fusion_bench" ]; then
  echo "== bench/fusion: report-to-event linking decisions with 10k / 100k / 1M events indexed =="
  "$build/bench/fusion_bench"
fi
if [ -x "$build/bench/live_bench" ]; then
  echo "== bench/live: commit-to-receipt latency of live push, 1 stream client, then ${LIVE_CLIENTS:-1000} =="
  "$build/bench/live_bench" "${LIVE_CLIENTS:-1000}"
fi
