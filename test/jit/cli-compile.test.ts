import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_ASSEMBLIES, fixturesBin, repoRoot } from './vm-helpers.js';

const cli = join(repoRoot, 'bin/tspmi.js');
const builtCommand = join(repoRoot, 'dist/cli/commands/compile.js');
const work = mkdtempSync(join(tmpdir(), 'tspmi-compile-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than the JIT, the EE or this command. */
beforeAll(() => {
  const sources = Math.max(newestSource(join(repoRoot, 'src/jit')), newestSource(join(repoRoot, 'src/vm')), statSync(join(repoRoot, 'src/cli/commands/compile.ts')).mtimeMs);
  if (existsSync(builtCommand) && statSync(builtCommand).mtimeMs >= sources) return;
  spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(repoRoot, 'tsconfig.json')], { cwd: repoRoot, stdio: 'ignore' });
  if (!existsSync(builtCommand) || statSync(builtCommand).mtimeMs < sources) throw new Error('could not build dist/: run `npx tsc -p tsconfig.json`');
}, 180_000);

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function tspmi(...args: string[]): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function lastJson(stdout: string): Record<string, unknown> {
  const lines = stdout.trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}

const basics = join(fixturesBin, 'Basics.dll');
const exceptions = join(fixturesBin, 'Exceptions.dll');

describe('tspmi compile', () => {
  it('compiles every method of the fixtures and exits 0', () => {
    const r = tspmi('compile', ...FIXTURE_ASSEMBLIES);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Compiled (\d+) of \1 methods with JIT 'base' in jit mode: 0 failed, 0 skipped/);
    expect(r.stdout).toContain('  Basics: 586 of 586 compiled, 0 failed');
  });

  it('ends --json output with the summary object', () => {
    const r = tspmi('compile', basics, exceptions, '--mode', 'r2r', '--json');
    expect(r.status).toBe(0);
    const j = lastJson(r.stdout);
    expect(j).toMatchObject({ compiled: j['methods'], failed: 0, skipped: 0, jit: 'base', mode: 'r2r', failuresByReason: {} });
    expect(typeof j['seconds']).toBe('number');
    expect((j['assemblies'] as Record<string, unknown>)['Exceptions']).toMatchObject({ failed: 0 });
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it('prints .dasm listings with --disasm, calls named by callee and helper', () => {
    const r = tspmi('compile', exceptions, '--filter', '*ExceptionTests:CatchFinally*', '--disasm', '--jit', 'diff');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('; Assembly listing for method Fixtures.Exceptions.ExceptionTests:CatchFinally(int):int (Tier0)');
    expect(r.stdout).toContain('call     Fixtures.Exceptions.ExceptionTests:Validate(int)');
    expect(r.stdout).toContain('call     CORINFO_HELP_ENDCATCH');
    expect(r.stdout).toMatch(/; Total bytes of code \d+, prolog size \d+, PerfScore [\d.]+, instruction count \d+/);
    expect(r.stdout).toMatch(/Compiled 1 of 1 methods with JIT 'diff'/);
  });

  it('passes --jitoption to the JIT', () => {
    const out = join(work, 'summary.txt');
    const r = tspmi('compile', basics, '--filter', '*Int32Ops:Add*', '--jitoption', 'JitDisasmSummary=1', '--jitoption', `JitStdOutFile=${out}`, '--json');
    expect(r.status).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('exits 1 and groups failures by reason when a method fails', () => {
    const failingJit = join(work, 'failing-jit.mjs');
    writeFileSync(failingJit, [
      "export default { name: 'failing', interfaceVersion: 'base',",
      "  compileMethod(ji, info) { return { ok: false, result: 0x80000006, message: 'no arithmetic today: ' + info.ILCode.length }; } };",
    ].join('\n'));
    const r = tspmi('compile', basics, '--jit', failingJit, '--filter', '*Int32Ops:*', '--json');
    expect(r.status).toBe(1);
    const j = lastJson(r.stdout);
    expect(j['failed']).toBe(j['methods']);
    expect(j['failuresByReason']).toEqual({ 'IMPLLIMITATION: no arithmetic today': j['methods'] });
    const human = tspmi('compile', basics, '--jit', failingJit, '--filter', '*Int32Ops:Add*');
    expect(human.stdout).toContain('Failures by reason:');
    expect(human.stdout).toMatch(/ {6}\d+ {2}IMPLLIMITATION: no arithmetic today\n {10}Fixtures\.Basics\.Int32Ops:Add\(int,int\):int/);
  });

  it('exits 4 on bad input: missing file, unknown JIT, bad mode, bad option', () => {
    const missing = tspmi('compile', join(work, 'nope.dll'));
    expect(missing.status).toBe(4);
    expect(missing.stderr).toMatch(/nope\.dll: no such file/);
    const unknownJit = tspmi('compile', basics, '--jit', 'nosuch');
    expect(unknownJit.status).toBe(4);
    expect(unknownJit.stderr).toMatch(/unknown JIT 'nosuch'/);
    expect(tspmi('compile', basics, '--mode', 'aot').status).toBe(4);
    expect(tspmi('compile', basics, '--jitoption', 'JitDisasm').status).toBe(4);
    const notAssembly = join(work, 'not-an-assembly.dll');
    writeFileSync(notAssembly, 'hello');
    expect(tspmi('compile', notAssembly).status).toBe(4);
  });
});
