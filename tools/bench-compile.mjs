#!/usr/bin/env node
// Compile rate of the model JIT over the live EE: every method of the test
// fixtures and, when Debian's mono is installed, of mscorlib.dll, in both
// modes. Reports methods/s end to end (JIT and EE) and for the JIT alone
// (time spent answering interface queries subtracted, which is what a replay
// EE with its answers at hand would leave). Run `npm run build` first; it
// reads dist/.
//
//   node tools/bench-compile.mjs [--rounds N] [--json]

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseJit, jitFlagsForMode } from '../dist/jit/index.js';
import { Runtime } from '../dist/vm/index.js';

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 2;
const json = args.includes('--json');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = ['System.Private.CoreLib', 'Basics', 'Objects', 'Exceptions', 'Generics', 'AsyncSamples']
  .map((n) => join(root, 'test/fixtures/bin', `${n}.dll`));
const monoDir = '/usr/lib/mono/4.5';
const mscorlib = join(monoDir, 'mscorlib.dll');

/** Wraps a JitInterface so the time spent in each query is added to `clock.ns`. */
function timed(ji, clock) {
  return new Proxy(ji, {
    get(target, prop) {
      const value = target[prop];
      if (typeof value !== 'function') return value;
      return (...a) => {
        const start = process.hrtime.bigint();
        try {
          return value.apply(target, a);
        } finally {
          clock.ns += process.hrtime.bigint() - start;
        }
      };
    },
  });
}

function bench(name, assemblies, refs, mode) {
  const rt = Runtime.load({ assemblies, referenceDirectories: refs });
  const methods = rt.enumerateMethods().filter((m) => m.ok);
  const flags = jitFlagsForMode(mode);
  let best;
  for (let round = 0; round < rounds; round++) {
    const clock = { ns: 0n };
    let compiled = 0;
    let failed = 0;
    let instructions = 0;
    let bytes = 0;
    const start = process.hrtime.bigint();
    for (const m of methods) {
      const ji = rt.createJitInterface({ version: 'base', mode, method: m.method });
      const info = ji.methodInfo();
      if (info === null) continue;
      const result = baseJit.compileMethod(timed(ji, clock), info, flags, {});
      if (result.ok) {
        compiled++;
        instructions += result.metrics.instructionCount;
        bytes += result.metrics.codeSize;
      } else {
        failed++;
      }
    }
    const total = Number(process.hrtime.bigint() - start) / 1e9;
    const ee = Number(clock.ns) / 1e9;
    const run = {
      name, mode, methods: compiled + failed, compiled, failed, instructions, bytes,
      seconds: total, eeSeconds: ee,
      methodsPerSecond: (compiled + failed) / total,
      jitOnlyMethodsPerSecond: (compiled + failed) / Math.max(total - ee, 1e-9),
    };
    // The first round warms the JIT up; keep the fastest.
    if (best === undefined || run.seconds < best.seconds) best = run;
  }
  return best;
}

const sets = [['fixtures', fixtures, []]];
if (existsSync(mscorlib)) sets.push(['mscorlib', [mscorlib], [monoDir]]);
else if (!json) console.log(`(${mscorlib} not found: install libmono-corlib4.5-cil to include it)`);

const results = [];
for (const [name, assemblies, refs] of sets) {
  for (const mode of ['jit', 'r2r']) {
    const r = bench(name, assemblies, refs, mode);
    results.push(r);
    if (!json) {
      console.log(
        `${name.padEnd(9)} ${mode}: ${r.methods} methods (${r.failed} failed) in ${r.seconds.toFixed(2)} s: `
        + `${Math.round(r.methodsPerSecond)} methods/s with the live EE, ${Math.round(r.jitOnlyMethodsPerSecond)} methods/s JIT alone `
        + `(${Math.round(r.instructions / r.methods)} instructions, ${Math.round(r.bytes / r.methods)} bytes per method)`,
      );
    }
  }
}
if (json) console.log(JSON.stringify({ rounds, results }));
