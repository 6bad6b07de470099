#!/usr/bin/env bash
# Rebuilds the ECMA reader's test assemblies from the .cs files here. Needs
# mcs (Debian package mono-mcs); the tests themselves need neither mcs nor
# mono. EcmaApp is compiled against the old layout (EcmaFacade defines
# Ecma.Moved.Relocated, EcmaLib does not); then EcmaLib gains the type and
# EcmaFacade becomes a forwarder to it, so EcmaApp's reference to
# [EcmaFacade]Ecma.Moved.Relocated resolves through an ExportedType row.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/old"
mcs -target:library -unsafe -debug- -d:WITHOUT_RELOCATED -out:"$tmp/old/EcmaLib.dll" EcmaLib.cs
mcs -target:library -debug- -out:"$tmp/old/EcmaFacade.dll" EcmaFacadeOld.cs
mcs -target:library -unsafe -debug- -r:"$tmp/old/EcmaLib.dll" -r:"$tmp/old/EcmaFacade.dll" -out:EcmaApp.dll EcmaApp.cs
mcs -target:library -unsafe -debug- -out:EcmaLib.dll EcmaLib.cs
mcs -target:library -debug- -r:EcmaLib.dll -out:EcmaFacade.dll EcmaFacade.cs
