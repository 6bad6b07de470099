#!/usr/bin/env node
// End-to-end figures of the built CLI (`node bin/tspmi.js ... --json`) on a real
// assembly, each step its own process, timed with process.hrtime (wall clock,
// node start-up included) and its peak RSS read with `/usr/bin/time -f %M`
// (apt package `time`; installed best-effort when absent, else RSS is "unknown").
//
//   npm run build && node tools/bench-pipeline.mjs
//
// Input: Debian's mono mscorlib (/usr/lib/mono/4.5/mscorlib.dll, package
// libmono-corlib4.5-cil, installed best-effort with apt-get when absent; the
// fixture programs otherwise). Steps: compile (live, base JIT, jit mode);
// record with --jit base --jit diff; replay -p 1 and -p 2 (base JIT); asmdiffs
// base vs diff -p 1; then a collection ten times larger (mcs merge of the same
// .mch x10) replayed with -p 1 to see whether peak memory stays flat.
// Prints each figure against the targets of the "Speed, scale and robustness"
// issue. Measurement only. Works in a temp dir, deleted at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'tspmi.js');
const MONO_DIR = '/usr/lib/mono/4.5';
const MONO_CORLIB = join(MONO_DIR, 'mscorlib.dll');
const FIXTURES = ['Basics', 'Objects', 'Exceptions', 'Generics', 'AsyncSamples'].map((n) => join(root, 'test/fixtures/bin', `${n}.dll`));
const TIME = '/usr/bin/time';

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const log = (s) => process.stdout.write(s + '\n');

function aptInstall(pkg) {
  if (spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status !== 0) return false;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  log(`installing ${pkg} with apt-get (best-effort)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'install', '-y', '-q', pkg], { stdio: 'ignore', env });
  if (r.status !== 0) {
    spawnSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'update', '-q'], { stdio: 'ignore', env });
    r = spawnSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'install', '-y', '-q', pkg], { stdio: 'ignore', env });
  }
  return r.status === 0;
}

if (!existsSync(TIME)) aptInstall('time');
const haveTime = existsSync(TIME);
if (!haveTime) log('/usr/bin/time not available: peak RSS will be reported as unknown');

let assemblies;
let refs = [];
if (!existsSync(MONO_CORLIB)) aptInstall('libmono-corlib4.5-cil');
if (existsSync(MONO_CORLIB)) {
  assemblies = [MONO_CORLIB];
  refs = ['--ref', MONO_DIR];
} else {
  log(`${MONO_CORLIB} not available: falling back to the fixture programs`);
  assemblies = FIXTURES;
  refs = ['--ref', join(root, 'test/fixtures/bin')];
}

const work = mkdtempSync(join(tmpdir(), 'tspmi-bench-pipeline-'));
const rssFile = join(work, 'rss.txt');

/** Runs `tspmi ARGS --json`; returns wall seconds, peak RSS (KiB or undefined), exit code, JSON. */
function tspmi(label, args) {
  const full = [cli, ...args, '--json'];
  const [cmd, argv] = haveTime ? [TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...full]] : [process.execPath, full];
  rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: work, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let rssKiB;
  if (haveTime && existsSync(rssFile)) {
    const m = /(\d+)\s*$/.exec(readFileSync(rssFile, 'utf8').trim());
    if (m) rssKiB = Number(m[1]);
  }
  const lines = (r.stdout ?? '').trim().split('\n');
  let json;
  try {
    json = JSON.parse(lines[lines.length - 1]);
  } catch {
    json = undefined;
  }
  // Exit codes 0-3 are results (failures, diffs, missing data); anything else is a broken step.
  if (r.status === null || r.status > 3 || !json) {
    log(`${label}: failed (exit ${r.status}, signal ${r.signal})\n${(r.stderr ?? '').slice(-2000)}`);
    rmSync(work, { recursive: true, force: true });
    process.exit(1);
  }
  log(`${label.padEnd(28)} ${seconds.toFixed(2).padStart(8)} s  peak RSS ${fmtRss(rssKiB).padStart(9)}  exit ${r.status}`);
  return { seconds, rssKiB, status: r.status, json };
}

const fmtRss = (k) => (k === undefined ? 'unknown' : `${(k / 1024).toFixed(0)} MiB`);
const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);
const fx = (x, d = 2) => (x === undefined ? 'unknown' : x.toFixed(d));

const loadStart = load();
log(`input: ${assemblies.join(' ')}`);
log(`load average at start: ${loadStart}   (nproc via os: ${(await import('node:os')).availableParallelism()})`);
log('');

const compile = tspmi('compile (base, jit)', ['compile', ...assemblies, ...refs, '--jit', 'base', '--mode', 'jit']);
const record = tspmi('record (--jit base --jit diff)', ['record', ...assemblies, ...refs, '--jit', 'base', '--jit', 'diff', '-o', 'm.mch']);
const contexts = record.json.contexts;
const mchBytes = statSync(join(work, 'm.mch')).size;
const replay1 = tspmi('replay -p 1 (base)', ['replay', 'm.mch', '--jit', 'base', '-p', '1']);
const replay2 = tspmi('replay -p 2 (base)', ['replay', 'm.mch', '--jit', 'base', '-p', '2']);
const asmdiffs = tspmi('asmdiffs base/diff -p 1', ['asmdiffs', 'm.mch', '-o', 'diffs', '--base-jit', 'base', '--diff-jit', 'diff', '-p', '1']);
rmSync(join(work, 'diffs'), { recursive: true, force: true });
const merge = tspmi('mcs merge x10', ['mcs', 'merge', '-o', 'big.mch', ...Array(10).fill('m.mch')]);
const bigBytes = statSync(join(work, 'big.mch')).size;
const big1 = tspmi('replay 10x -p 1 (base)', ['replay', 'big.mch', '--jit', 'base', '-p', '1']);
const bigContexts = big1.json.contexts;
const loadEnd = load();
rmSync(work, { recursive: true, force: true });

const rate = (n, s) => n / s;
const r1 = rate(replay1.json.contexts, replay1.seconds);
const r2 = rate(replay2.json.contexts, replay2.seconds);
const ad = rate(asmdiffs.json.contexts ?? contexts, asmdiffs.seconds);
const figures = {
  contexts,
  recordOverCompile: ratio(record.seconds, compile.seconds),
  replayP1PerSec: r1,
  replayP2PerSec: r2,
  replayOverCompile: ratio(replay1.seconds, compile.seconds),
  asmdiffsPerSec: ad,
  asmdiffsOverReplay: ratio(asmdiffs.seconds, replay1.seconds),
  p2Speedup: ratio(replay1.seconds, replay2.seconds),
  mchBytesPerContext: mchBytes / contexts,
  rss10xOver1x: ratio(big1.rssKiB, replay1.rssKiB),
};

log('');
log(`contexts                      ${contexts} (compile: ${compile.json.compiled}/${compile.json.methods} methods compiled; replay: ${replay1.json.succeeded} succeeded, ${replay1.json.failed} failed, ${replay1.json.missing} missing)`);
log(`record / compile time        ${fx(figures.recordOverCompile)}x   (${fx(record.seconds)} s / ${fx(compile.seconds)} s; note: record runs two JITs, compile one)`);
log(`replay -p 1                   ${fx(r1, 0)} contexts/s   (${fx(replay1.seconds)} s)`);
log(`replay -p 2                   ${fx(r2, 0)} contexts/s   (${fx(replay2.seconds)} s)`);
log(`replay (-p 1) / compile time  ${fx(figures.replayOverCompile)}x`);
log(`asmdiffs -p 1                 ${fx(ad, 0)} contexts/s   (${fx(asmdiffs.seconds)} s; ${fx(figures.asmdiffsOverReplay)}x a single replay -p 1; exit ${asmdiffs.status}${asmdiffs.status === 2 ? ', diffs found' : ''})`);
log(`-p 2 speedup over -p 1        ${fx(figures.p2Speedup)}x`);
log(`.mch bytes per context        ${fx(figures.mchBytesPerContext, 0)}   (${mchBytes} bytes, .mct not counted)`);
log(`peak RSS: compile ${fmtRss(compile.rssKiB)}, record ${fmtRss(record.rssKiB)}, replay -p 1 ${fmtRss(replay1.rssKiB)}, replay -p 2 ${fmtRss(replay2.rssKiB)}, asmdiffs ${fmtRss(asmdiffs.rssKiB)}, merge ${fmtRss(merge.rssKiB)}`);
log(`10x collection                ${bigContexts} contexts, ${bigBytes} bytes; replay -p 1 ${fx(big1.seconds)} s (${fx(rate(bigContexts, big1.seconds), 0)} contexts/s), peak RSS ${fmtRss(big1.rssKiB)}`);
log(`10x / 1x peak RSS (-p 1)      ${fx(figures.rss10xOver1x)}x`);
log(`load average: start ${loadStart}, end ${loadEnd}`);

const targets = [
  ['replay contexts/s with -p 2', '>= 5000', fx(r2, 0), r2 >= 5000],
  ['replay time / live compile time', '<= 0.8x', fx(figures.replayOverCompile) + 'x', figures.replayOverCompile <= 0.8],
  ['record time / compile time', '<= 1.25x', fx(figures.recordOverCompile) + 'x', figures.recordOverCompile <= 1.25],
  ['asmdiffs time / single replay', '<= 2.2x', fx(figures.asmdiffsOverReplay) + 'x', figures.asmdiffsOverReplay <= 2.2],
  ['-p 2 speedup over -p 1', '>= 1.8x', fx(figures.p2Speedup) + 'x', figures.p2Speedup >= 1.8],
  ['10x collection peak RSS / 1x', '<= 1.2x', fx(figures.rss10xOver1x) + 'x', figures.rss10xOver1x === undefined ? undefined : figures.rss10xOver1x <= 1.2],
];
log('');
log('| figure | target | measured | |');
log('| --- | --- | --- | --- |');
for (const [name, target, got, ok] of targets) log(`| ${name} | ${target} | ${got} | ${ok === undefined ? 'unknown' : ok ? 'met' : 'not met'} |`);
