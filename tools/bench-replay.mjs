#!/usr/bin/env node
// Record/replay figures on a real assembly: Debian's mono mscorlib
// (/usr/lib/mono/4.5/mscorlib.dll, package libmono-corlib4.5-cil) when it is
// installed, the fixture programs otherwise.
//
//   npx tsc -p tsconfig.json && node tools/bench-replay.mjs [ASSEMBLY...]
//
// Reports, each phase in its own process so peak memory is its own
// (process.resourceUsage().maxRSS, worker threads included):
//   - live compile (no recorder) vs record with the same JIT: recording overhead;
//   - record with both JITs (the collection replayed below): .mch bytes per context;
//   - replay with -p 1 and -p 2: contexts/s.
// Each line also gives the process's CPU time (all threads, start-up included).
// TSPMI_DIST=DIR runs another build of dist/ (e.g. a snapshot).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.env.TSPMI_DIST ?? join(root, 'dist'));
const self = fileURLToPath(import.meta.url);
const distModule = (path) => import(pathToFileURL(join(dist, path)).href);

const MONO_CORLIB = '/usr/lib/mono/4.5/mscorlib.dll';
const FIXTURES = ['Basics', 'Objects', 'Exceptions', 'Generics', 'AsyncSamples'].map((n) => join(root, 'test/fixtures/bin', `${n}.dll`));

// ---- phases (run in a child process each) ---------------------------------------------

const phases = {
  async compile({ assemblies }) {
    const { Runtime } = await distModule('vm/index.js');
    const { baseJit, jitFlagsForMode } = await distModule('jit/index.js');
    const started = performance.now();
    const rt = Runtime.load({ assemblies });
    const flags = jitFlagsForMode('jit');
    let methods = 0;
    for (const m of rt.enumerateMethods()) {
      if (!m.ok) continue;
      const ji = rt.createJitInterface({ version: 'base', mode: 'jit', method: m.method });
      const info = ji.methodInfo();
      if (info === null) continue;
      baseJit.compileMethod(ji, info, flags, {});
      methods++;
    }
    return { methods, seconds: (performance.now() - started) / 1000 };
  },

  async record({ assemblies, output, jits }) {
    const { recordCollection } = await distModule('replay/collect/record-collection.js');
    const { loadJit } = await distModule('jit/registry.js');
    const loaded = [];
    for (const name of jits) loaded.push(await loadJit(name));
    const started = performance.now();
    const s = recordCollection({ assemblies, jits: loaded, mode: 'jit', output });
    return { methods: s.methods, contexts: s.contexts, bytes: s.bytes, seconds: (performance.now() - started) / 1000 };
  },

  async replay({ file, workers }) {
    const { runReplay } = await distModule('replay/runner/run-replay.js');
    const s = await runReplay({ file, jit: 'base', workers });
    return { contexts: s.contexts, succeeded: s.succeeded, failed: s.failed, missing: s.missing, seconds: s.seconds };
  },
};

async function runPhase(name, args) {
  const result = await phases[name](args);
  const usage = process.resourceUsage();
  // CPU time of all threads: on a busy machine it says more than wall time about the work done.
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  process.stdout.write(`${JSON.stringify({ ...result, cpuSeconds, maxRSSMiB: Math.round(usage.maxRSS / 1024) })}\n`);
}

function phase(name, args) {
  const r = spawnSync(process.execPath, [self, '--phase', name, JSON.stringify(args)], { encoding: 'utf8', env: process.env });
  if (r.status !== 0) throw new Error(`phase ${name} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

// ---- driver -------------------------------------------------------------------------------

async function main() {
  const given = process.argv.slice(2);
  const assemblies = given.length > 0 ? given : existsSync(MONO_CORLIB) ? [MONO_CORLIB] : FIXTURES;
  if (given.length === 0 && assemblies === FIXTURES) console.log(`(${MONO_CORLIB} not present: using the fixture programs)`);
  const dir = mkdtempSync(join(tmpdir(), 'tspmi-bench-replay-'));
  try {
    const base = join(dir, 'base.mch');
    const both = join(dir, 'both.mch');
    const compile = phase('compile', { assemblies });
    const recordBase = phase('record', { assemblies, output: base, jits: ['base'] });
    const recordBoth = phase('record', { assemblies, output: both, jits: ['base', 'diff'] });
    const replay1 = phase('replay', { file: both, workers: 1 });
    const replay2 = phase('replay', { file: both, workers: 2 });

    const rate = (n, s) => Math.round(n / s);
    const cpu = (r) => `CPU ${r.cpuSeconds.toFixed(1)} s`;
    console.log(`input: ${assemblies.join(', ')} (${compile.methods} methods compiled)`);
    console.log(`compile, base JIT, no recorder:   ${compile.seconds.toFixed(2)} s, ${rate(compile.methods, compile.seconds)} methods/s, ${cpu(compile)}, peak RSS ${compile.maxRSSMiB} MiB`);
    console.log(`record, base JIT:                 ${recordBase.seconds.toFixed(2)} s, ${rate(recordBase.methods, recordBase.seconds)} methods/s, ${cpu(recordBase)}, peak RSS ${recordBase.maxRSSMiB} MiB` +
      ` -> recording overhead x${(recordBase.seconds / compile.seconds).toFixed(2)}`);
    console.log(`record, base + diff JITs:         ${recordBoth.seconds.toFixed(2)} s, ${recordBoth.contexts} contexts, ${(recordBoth.bytes / 1e6).toFixed(1)} MB,` +
      ` ${Math.round(recordBoth.bytes / recordBoth.contexts)} bytes/context (base only: ${Math.round(recordBase.bytes / recordBase.contexts)}), ${cpu(recordBoth)}, peak RSS ${recordBoth.maxRSSMiB} MiB`);
    for (const [p, r] of [[1, replay1], [2, replay2]]) {
      console.log(`replay -p ${p}, base JIT:            ${r.seconds.toFixed(2)} s, ${rate(r.contexts, r.seconds)} contexts/s` +
        ` (${r.succeeded} ok, ${r.failed} failed, ${r.missing} missing), ${cpu(r)}, peak RSS ${r.maxRSSMiB} MiB`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--phase') await runPhase(process.argv[3], JSON.parse(process.argv[4]));
else await main();
