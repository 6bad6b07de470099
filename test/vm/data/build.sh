#!/usr/bin/env bash
# Rebuilds VmConsumer.dll against the fixture corlib. Ghost.dll is built only
# to compile against and then deleted: the tests need it to be missing.
set -euo pipefail
cd "$(dirname "$0")"
CORLIB=../../fixtures/bin/System.Private.CoreLib.dll
FLAGS=(-nostdlib -noconfig -unsafe -optimize+ -debug- -target:library -warn:4)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mcs "${FLAGS[@]}" -r:"$CORLIB" -out:"$tmp/Ghost.dll" src/Ghost.cs
mcs "${FLAGS[@]}" -r:"$CORLIB" -r:"$tmp/Ghost.dll" -out:VmConsumer.dll src/VmConsumer.cs
