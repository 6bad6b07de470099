#!/usr/bin/env bash
# Rebuilds the test assemblies in test/fixtures/bin from the C# sources in
# test/fixtures/src, then sets the MethodImpl flags our compiler cannot
# emit (see test/fixtures/README.md).
#
#   bash tools/build-fixtures.sh
#
# Environment: FIXTURES_OUT=DIR writes the assemblies to DIR instead of
# test/fixtures/bin (the staleness test uses this); FIXTURES_SKIP_TS_BUILD=1
# skips `npm run build` before the patch step, for when dist/ is current.
#
# Needs mcs (Debian package mono-mcs) and node. Each folder under
# test/fixtures/src becomes one assembly of the same name; corlib/ becomes
# System.Private.CoreLib.dll and is built first, since every other assembly
# references it. The compiler is deterministic with these flags: rebuilding
# unchanged sources gives byte-identical files.
set -euo pipefail
cd "$(dirname "$0")/.."

export LC_ALL=C

SRC=test/fixtures/src
BIN=${FIXTURES_OUT:-test/fixtures/bin}
CORLIB=$BIN/System.Private.CoreLib.dll

# In build order. Adding an assembly: create test/fixtures/src/NAME/ and
# list NAME here.
PROGRAMS=(Basics Objects Exceptions Generics AsyncSamples)

if ! command -v mcs >/dev/null 2>&1; then
    echo "build-fixtures: mcs not found (apt-get install mono-mcs)" >&2
    exit 1
fi

# -nostdlib: compile against our own corlib only; -noconfig: no default
# references; -debug-: no symbol files, so no paths in the output.
# Warnings left out on purpose: 169/649 (fields only the runtime writes),
# 1718 (x != x is the NaN test), 675 (bitwise or on sign-extended operands
# is what the arithmetic tests exercise).
FLAGS=(-nostdlib -noconfig -unsafe -optimize+ -debug- -target:library -warn:4 -nowarn:169,649,1718,675)

sources() {
    local dir=$SRC/$1
    local files=("$dir"/*.cs)
    if [ ! -e "${files[0]}" ]; then
        echo "build-fixtures: no sources in $dir" >&2
        exit 1
    fi
    printf '%s\n' "${files[@]}" | sort
}

mkdir -p "$BIN"

echo "build-fixtures: System.Private.CoreLib"
mapfile -t files < <(sources corlib)
mcs "${FLAGS[@]}" -out:"$CORLIB" "${files[@]}"

built=("$CORLIB")
for name in "${PROGRAMS[@]}"; do
    echo "build-fixtures: $name"
    mapfile -t files < <(sources "$name")
    mcs "${FLAGS[@]}" -r:"$CORLIB" -out:"$BIN/$name.dll" "${files[@]}"
    built+=("$BIN/$name.dll")
done

# [RuntimeAsyncMethod] → ImplFlags |= 0x2000 (Async);
# [InlineAggressively] → ImplFlags |= 0x0100 (AggressiveInlining).
# The patch tool reads metadata through the project's own reader in dist/.
PATCH=tools/patch-implflags.mjs
if [ -f "$PATCH" ]; then
    if [ "${FIXTURES_SKIP_TS_BUILD:-}" != 1 ]; then
        echo "build-fixtures: building the TypeScript sources for $PATCH"
        # tsc still writes dist/ when it reports type errors elsewhere in
        # src/; the patch tool only needs the ECMA reader.
        if ! npm run --silent build; then
            echo "build-fixtures: WARNING: npm run build reported errors; patching with dist/ as written" >&2
        fi
    fi
    if [ ! -f dist/ecma/index.js ]; then
        echo "build-fixtures: dist/ecma/index.js missing: run npm run build" >&2
        exit 1
    fi
    node "$PATCH" "${built[@]}"
else
    echo "build-fixtures: WARNING: $PATCH not found; async methods are not flagged 0x2000" >&2
fi

echo "build-fixtures: done"
for f in "${built[@]}"; do
    printf '  %-48s %8d bytes\n' "$f" "$(wc -c <"$f")"
done
