#!/usr/bin/env node
// Sets MethodImpl flags that mcs cannot emit: methods marked with
// [RuntimeAsyncMethod] get Async (0x2000), [InlineAggressively] gets
// AggressiveInlining (0x0100). Patches each file in place; running it again
// changes nothing. Needs the built dist/ (npm run build).
//
// usage: node tools/patch-implflags.mjs file.dll...
import { readFileSync, writeFileSync } from 'node:fs';
import { patchImplFlags } from '../dist/ecma/index.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: node tools/patch-implflags.mjs file.dll...\n');
  process.exit(4);
}

const hex = (n, width) => '0x' + n.toString(16).padStart(width, '0');
let failed = false;
for (const file of files) {
  try {
    const { bytes, patched } = patchImplFlags(readFileSync(file), file);
    if (patched.length === 0) {
      process.stdout.write(`${file}: no changes\n`);
      continue;
    }
    writeFileSync(file, bytes);
    for (const p of patched) {
      process.stdout.write(`${file}: ${hex(p.token, 8)} ${p.name} impl flags ${hex(p.before, 4)} -> ${hex(p.after, 4)}\n`);
    }
  } catch (err) {
    process.stderr.write(`patch-implflags: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    failed = true;
  }
}
process.exitCode = failed ? 4 : 0;
