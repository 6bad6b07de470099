#!/usr/bin/env node
// `npm run bench`: runs every benchmark script in turn and prints their figures.
// Each script measures one layer; see the header comment of each for what it
// reports. Benchmarks read dist/, so the build runs first.
//
//   npm run bench [-- --only NAME[,NAME]]

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCHMARKS = [
  ['ecma', 'bench-ecma.mjs', 'reading every method body and signature'],
  ['x64', 'bench-x64.mjs', 'x64 encoding'],
  ['mch', 'bench-mch.mjs', '.mch write and read throughput'],
  ['compile', 'bench-compile.mjs', 'live compile rate'],
  ['replay', 'bench-replay.mjs', 'record overhead and replay rate'],
  ['pipeline', 'bench-pipeline.mjs', 'the CLI end to end on mscorlib, against the targets'],
];

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : undefined;

const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let failed = 0;
for (const [name, script, what] of BENCHMARKS) {
  if (only && !only.has(name)) continue;
  const path = join(root, 'tools', script);
  if (!existsSync(path)) continue;
  process.stdout.write(`\n== ${name}: ${what} (tools/${script}) ==\n`);
  const run = spawnSync(process.execPath, [path], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    process.stdout.write(`${name}: exited with ${run.status}\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
