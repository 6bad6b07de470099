import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_ASSEMBLIES, fixturesBin, repoRoot } from '../vm-helpers.js';

const cli = join(repoRoot, 'bin/tspmi.js');
const builtPass = join(repoRoot, 'dist/jit/async/transform.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than the JIT or the EE. */
beforeAll(() => {
  const sources = Math.max(newestSource(join(repoRoot, 'src/jit')), newestSource(join(repoRoot, 'src/vm')));
  if (existsSync(builtPass) && statSync(builtPass).mtimeMs >= sources) return;
  spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(repoRoot, 'tsconfig.json')], { cwd: repoRoot, stdio: 'ignore' });
  if (!existsSync(builtPass)) throw new Error('could not build dist/: run `npx tsc -p tsconfig.json`');
}, 180_000);

function compileJson(...args: string[]): { status: number | null; summary: Record<string, unknown> } {
  const r = spawnSync(process.execPath, [cli, 'compile', ...args, '--json'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  const lines = (r.stdout ?? '').trim().split('\n');
  return { status: r.status, summary: JSON.parse(lines[lines.length - 1]!) as Record<string, unknown> };
}

describe('tspmi compile with both builds', () => {
  for (const jit of ['base', 'diff']) {
    for (const mode of ['jit', 'r2r']) {
      it(`AsyncSamples.dll --jit ${jit} --mode ${mode}: every method compiles`, () => {
        const { status, summary } = compileJson(join(fixturesBin, 'AsyncSamples.dll'), '--jit', jit, '--mode', mode);
        expect(status).toBe(0);
        expect(summary['failed']).toBe(0);
        expect(summary['compiled']).toBe(summary['methods']);
      });
      it(`every fixture assembly --jit ${jit} --mode ${mode}: every method compiles`, () => {
        const { status, summary } = compileJson(...FIXTURE_ASSEMBLIES, '--jit', jit, '--mode', mode);
        expect(status).toBe(0);
        expect(summary['failed']).toBe(0);
        expect(summary['compiled']).toBe(summary['methods']);
      }, 60_000);
    }
  }
});
