#!/usr/bin/env bash
# Regenerates the sample collections in recordings/ from the fixture
# assemblies, with both JITs (base and diff) and in both modes:
#
#   recordings/async-jit.mch      AsyncSamples.dll, jit mode
#   recordings/async-r2r.mch      AsyncSamples.dll, r2r mode
#   recordings/fixtures-jit.mch   the other fixture programs, jit mode
#   recordings/fixtures-r2r.mch   the other fixture programs, r2r mode
#
# (each with its .mct). Run it after any change to what the JIT asks or the
# EE answers: test/cli/recordings.test.ts replays these files and reports
# them as stale (missing data, or results that differ from the recording)
# until they are regenerated.
#
#   bash tools/make-recordings.sh
#
# Environment: RECORDINGS_OUT=DIR writes to DIR instead of recordings/;
# RECORDINGS_SKIP_TS_BUILD=1 skips `npm run build` when dist/ is current.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${RECORDINGS_OUT:-recordings}
BIN=test/fixtures/bin
# AsyncSamples has collections of its own; together they cover every fixture method.
PROGRAMS=(Basics Objects Exceptions Generics)

if [[ -z "${RECORDINGS_SKIP_TS_BUILD:-}" ]]; then
  npm run --silent build
fi
mkdir -p "$OUT"

record() {
  local out=$1 mode=$2
  shift 2
  # Exit code 1 only says some methods failed to compile; those failures are
  # recorded too and belong in the sample.
  local status=0
  node bin/tspmi.js record "$@" -o "$out" --mode "$mode" --jit base --jit diff --json >"$out.log" || status=$?
  if [[ $status -gt 1 ]]; then
    cat "$out.log" >&2
    echo "make-recordings: recording $out failed (exit $status)" >&2
    exit "$status"
  fi
  tail -n 1 "$out.log"
  rm -f "$out.log"
}

other_programs=()
for p in "${PROGRAMS[@]}"; do other_programs+=("$BIN/$p.dll"); done

for mode in jit r2r; do
  record "$OUT/async-$mode.mch" "$mode" "$BIN/AsyncSamples.dll"
  record "$OUT/fixtures-$mode.mch" "$mode" "${other_programs[@]}"
done
