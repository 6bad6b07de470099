/**
 * Running the built CLI from tests. `ensureBuilt` compiles src/ into dist/
 * when dist/ is missing or older than any source file (`npm test` builds
 * first, so this only matters when the tests are run on their own); a lock
 * directory keeps parallel test files from building at the same time.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesBin = join(repoRoot, 'test/fixtures/bin');
export const fixturePrograms = ['Basics', 'Objects', 'Exceptions', 'Generics', 'AsyncSamples'].map((n) => join(fixturesBin, `${n}.dll`));
export const asyncSamples = join(fixturesBin, 'AsyncSamples.dll');
export const recordingsDir = join(repoRoot, 'recordings');
export const testJitsDir = join(repoRoot, 'test/cli/data');

const cliEntry = join(repoRoot, 'bin/tspmi.js');
const builtMain = join(repoRoot, 'dist/cli/main.js');
const lockDir = join(repoRoot, 'dist/.test-build.lock');

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function distIsCurrent(): boolean {
  return existsSync(builtMain) && statSync(builtMain).mtimeMs >= newestSourceTime(join(repoRoot, 'src'));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureBuilt(): void {
  if (distIsCurrent()) return;
  mkdirSync(join(repoRoot, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // Another test file is building; a lock older than two minutes was abandoned.
      if (existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > 120_000) rmSync(lockDir, { recursive: true, force: true });
      sleep(200);
    }
  }
  try {
    if (distIsCurrent()) return;
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', join(repoRoot, 'tsconfig.json')], { encoding: 'utf8' });
    // tsc still emits on type errors; those are the type check's business (`npm test` runs it), so only a
    // build that produced nothing stops the CLI tests.
    if (r.status !== 0 && !distIsCurrent()) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
    if (r.status !== 0) process.stderr.write(`warning: the build reported errors; testing what it emitted\n${r.stdout}`);
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tspmi ARGS` as a user would. */
export function tspmi(args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [cliEntry, ...args], {
    encoding: 'utf8',
    cwd: options.cwd ?? repoRoot,
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON object on the last line of stdout. */
export function lastJson<T = Record<string, unknown>>(stdout: string): T {
  const lines = stdout.trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

/** `tspmi ARGS --json`, expecting exit code `status`; returns the summary. */
export function tspmiJson<T = Record<string, unknown>>(args: readonly string[], status: number | number[] = 0): T {
  const r = tspmi([...args, '--json']);
  const allowed = Array.isArray(status) ? status : [status];
  if (!allowed.includes(r.status ?? -1)) {
    throw new Error(`tspmi ${args.join(' ')} exited ${r.status} (expected ${allowed.join(' or ')})\n${r.stderr}${r.stdout.slice(-2000)}`);
  }
  return lastJson<T>(r.stdout);
}

export function tempDir(prefix = 'tspmi-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface RecordJson {
  methods: number;
  compiled: number;
  failed: number;
  skipped: number;
  contexts: number;
  seconds: number;
  bytes: number;
  interfaceVersions: string[];
}

export interface ReplayJson {
  contexts: number;
  succeeded: number;
  failed: number;
  missing: number;
  mismatched: number;
  corrupt: number;
  compared: number;
  seconds: number;
  workers: number;
  stoppedEarly: boolean;
  failedContexts: number[];
  missingContexts: number[];
  mismatchedContexts: number[];
  corruptContexts: number[];
  missingCalls: Record<string, number>;
  missingQueries: Record<string, number>;
  reproFiles: number;
}

/** Records `assemblies` (both JITs unless told) and returns the summary; exit 1 (some methods failed) is fine. */
export function record(out: string, assemblies: readonly string[], options: { mode?: 'jit' | 'r2r'; jits?: string[] } = {}): RecordJson {
  const jits = (options.jits ?? ['base', 'diff']).flatMap((j) => ['--jit', j]);
  return tspmiJson<RecordJson>(['record', ...assemblies, '-o', out, '--mode', options.mode ?? 'jit', ...jits], [0, 1]);
}
