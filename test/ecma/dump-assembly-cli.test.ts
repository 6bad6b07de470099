import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ecmaApp, fixturesBin, fixturesPresent, lastJson, monoAssemblies, monoDir, monodisPresent, monoPresent, runCli } from './helpers.js';

interface DumpJson {
  file: string;
  assembly: string;
  typeDefs: number;
  methodDefs: number;
  bodies: number;
  ilBytes: number;
  types: { token: string; name: string; flags: number }[];
  methods: { token: string; name: string; rva: number; ilSize: number | null; flags: number; implFlags: number }[];
}

function dump(file: string): DumpJson {
  const r = runCli(['dump-assembly', file, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return lastJson<DumpJson>(r.stdout);
}

describe('tspmi dump-assembly', () => {
  it('prints a JSON summary whose totals agree with its method list', () => {
    const j = dump(ecmaApp);
    expect(j.assembly).toBe('EcmaApp');
    expect(j.typeDefs).toBe(2);
    expect(j.types.map((t) => t.name)).toEqual(['<Module>', 'Ecma.App.Program']);
    expect(j.methodDefs).toBe(j.methods.length);
    const withBody = j.methods.filter((m) => m.ilSize !== null);
    expect(j.bodies).toBe(withBody.length);
    expect(j.ilBytes).toBe(withBody.reduce((n, m) => n + m.ilSize!, 0));
    expect(j.methods.find((m) => m.name === 'Ecma.App.Program::Unmarked')).toMatchObject({ ilSize: 2, implFlags: 0 });
    expect(j.methods.find((m) => m.name === 'Ecma.App.Program::Both')).toMatchObject({ implFlags: 0x8 });
    expect(j.methods[0]!.token).toBe('0x06000001');
  });

  it('lists types and methods for people', () => {
    const r = runCli(['dump-assembly', ecmaApp]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain('type 0x02000002 Ecma.App.Program flags=0x00100001');
    expect(lines.some((l) => /^ {2}method 0x0600000[0-9a-f] TryCatchFinally il=35 flags=0x0096 impl=0x0000$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/EcmaApp\.dll: assembly EcmaApp, 2 types, 13 methods, 13 bodies, \d+ IL bytes$/);
  });

  it.skipIf(!fixturesPresent)('reads every fixture assembly', () => {
    for (const file of readdirSync(fixturesBin).filter((f) => f.endsWith('.dll'))) {
      const j = dump(join(fixturesBin, file));
      expect(j.typeDefs).toBeGreaterThan(0);
      expect(j.ilBytes).toBe(j.methods.reduce((n, m) => n + (m.ilSize ?? 0), 0));
    }
  });

  it('rejects unknown commands and missing arguments with exit code 4', () => {
    const bogus = runCli(['bogus-command']);
    expect(bogus.status).toBe(4);
    expect(bogus.stderr).toMatch(/^tspmi: .*bogus-command.*\n$/);
    const missing = runCli(['dump-assembly']);
    expect(missing.status).toBe(4);
    expect(missing.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

/** What monodis reports: table sizes from --typedef/--method, body sizes from the full listing. */
function monodisFigures(file: string, tmp: string) {
  const typedefs = spawnSync('monodis', ['--typedef', file], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
  const typeDefs = Math.max(0, ...[...typedefs.matchAll(/^(\d+): /gm)].map((m) => Number(m[1])));
  const methodTable = spawnSync('monodis', ['--method', file], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
  const methodDefs = Number(/^Method Table \(1\.\.(\d+)\)/m.exec(methodTable)![1]);
  const out = join(tmp, 'listing.il');
  // The full listing also writes the assembly's manifest resources to the working directory.
  spawnSync('monodis', [`--output=${out}`, file], { cwd: tmp, stdio: 'ignore', timeout: 120_000 });
  // One entry per method with a body; bodies may share an RVA (identical bodies folded).
  const bodies: { rva: number; size: number }[] = [];
  let rva = -1;
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    const begins = /\/\/ Method begins at RVA 0x([0-9a-f]+)/.exec(line);
    if (begins) rva = parseInt(begins[1]!, 16);
    const size = /\/\/ Code size (\d+) \(0x[0-9a-f]+\)/.exec(line);
    if (size && rva > 0) {
      bodies.push({ rva, size: Number(size[1]) });
      rva = -1;
    }
  }
  return { typeDefs, methodDefs, bodies };
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('agreement with monodis', () => {
  const why = !monoPresent ? ` (skipped: ${monoDir} not installed)` : !monodisPresent ? ' (skipped: monodis not installed)' : '';
  for (const file of monoAssemblies) {
    it.skipIf(why !== '')(`${file.split('/').pop()}: typeDefs, methodDefs, bodies, ilBytes and every IL size${why}`, () => {
      const tmp = mkdtempSync(join(tmpdir(), 'tspmi-monodis-'));
      tempDirs.push(tmp);
      const ours = dump(file);
      const theirs = monodisFigures(file, tmp);
      expect(ours.typeDefs).toBe(theirs.typeDefs);
      expect(ours.methodDefs).toBe(theirs.methodDefs);
      expect(ours.bodies).toBe(theirs.bodies.length);
      expect(ours.ilBytes).toBe(theirs.bodies.reduce((n, b) => n + b.size, 0));
      // monodis lists nested types inside their enclosing type, so compare as sorted (RVA, size) lists:
      // a method's size is a function of its body's RVA, and the counts per RVA must agree too.
      const byRva = (a: { rva: number; size: number | null }, b: { rva: number; size: number | null }) => a.rva - b.rva || a.size! - b.size!;
      const oursSorted = ours.methods.filter((m) => m.rva !== 0).map((m) => ({ rva: m.rva, size: m.ilSize })).sort(byRva);
      expect(oursSorted).toEqual([...theirs.bodies].sort(byRva));
      expect(ours.methods.filter((m) => m.rva === 0).every((m) => m.ilSize === null)).toBe(true);
    }, 120_000);
  }
});
