import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const dataDir = join(repoRoot, 'test/ecma/data');
export const fixturesBin = join(repoRoot, 'test/fixtures/bin');
export const corlibFixture = join(fixturesBin, 'System.Private.CoreLib.dll');
export const fixturesPresent = existsSync(corlibFixture);

export const monoDir = '/usr/lib/mono/4.5';
export const monoAssemblies = ['mscorlib.dll', 'System.dll', 'System.Core.dll'].map((f) => join(monoDir, f));
export const monoPresent = monoAssemblies.every((f) => existsSync(f));
export const monodisPresent = !spawnSync('monodis', ['--help'], { stdio: 'ignore' }).error;

export const ecmaApp = join(dataDir, 'EcmaApp.dll');
export const ecmaLib = join(dataDir, 'EcmaLib.dll');
export const ecmaFacade = join(dataDir, 'EcmaFacade.dll');

const cli = join(repoRoot, 'bin/tspmi.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs the built CLI as a user would. Needs `npm run build` first. */
export function runCli(args: string[], timeoutMs = 60_000): CliResult {
  if (!existsSync(join(repoRoot, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` before the CLI tests');
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut: (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' };
}

/** The JSON object on the last line of stdout. */
export function lastJson<T = Record<string, unknown>>(stdout: string): T {
  const lines = stdout.trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}
