import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Assembly, MethodImplAttributes, TableId, makeToken, patchImplFlags } from '../../src/ecma/index.js';
import { corlibFixture, ecmaApp, fixturesBin, fixturesPresent, repoRoot } from './helpers.js';
import { Heaps, buildAssemblyImage } from './synthetic.js';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const Async = MethodImplAttributes.Async;
const Inline = MethodImplAttributes.AggressiveInlining;

function implFlagsByName(asm: Assembly): Record<string, number> {
  const out: Record<string, number> = {};
  for (let rid = 1; rid <= asm.rowCount(TableId.MethodDef); rid++) out[asm.methodDef(rid).name] = asm.methodDef(rid).implFlags;
  return out;
}

describe('patchImplFlags', () => {
  it('ORs Async and AggressiveInlining into methods marked through MemberRef constructors', () => {
    const input = readFileSync(ecmaApp);
    const before = Uint8Array.from(input);
    const { bytes, patched } = patchImplFlags(input, 'EcmaApp.dll');
    expect(Array.from(input)).toEqual(Array.from(before));
    expect(patched.map((p) => [p.name, p.before, p.after])).toEqual([
      ['Ecma.App.Program::AsyncMarked', 0, Async],
      ['Ecma.App.Program::InlineMarked', 0, Inline],
      ['Ecma.App.Program::Both', MethodImplAttributes.NoInlining, MethodImplAttributes.NoInlining | Async | Inline],
    ]);
    const flags = implFlagsByName(Assembly.fromBytes(bytes, 'patched.dll'));
    expect(flags).toMatchObject({ AsyncMarked: Async, InlineMarked: Inline, Unmarked: 0, Uses: 0 });
    // Only the two ImplFlags bytes of each patched row changed.
    const changed = Array.from(bytes.keys()).filter((i) => bytes[i] !== input[i]);
    for (const i of changed) expect(patched.some((p) => i === p.offset || i === p.offset + 1)).toBe(true);
  });

  it('is idempotent', () => {
    const once = patchImplFlags(readFileSync(ecmaApp), 'EcmaApp.dll');
    const twice = patchImplFlags(once.bytes, 'EcmaApp.dll');
    expect(twice.patched).toEqual([]);
    expect(Array.from(twice.bytes)).toEqual(Array.from(once.bytes));
  });

  it('follows MethodDef constructors of attributes defined in the same assembly', () => {
    const h = new Heaps();
    const ns = h.string('System.Runtime.CompilerServices');
    const ctorSig = h.blob([0x20, 0x00, 0x01]);
    const voidSig = h.blob([0x00, 0x00, 0x01]);
    const { bytes } = buildAssemblyImage(
      {
        Module: [{ Name: h.string('self.dll') }],
        TypeDef: [
          { TypeName: h.string('<Module>'), FieldList: 1, MethodList: 1 },
          { TypeName: h.string('RuntimeAsyncMethodAttribute'), TypeNamespace: ns, FieldList: 1, MethodList: 1 },
          { TypeName: h.string('C'), FieldList: 1, MethodList: 2 },
        ],
        MethodDef: [
          { Name: h.string('.ctor'), Signature: ctorSig, ParamList: 1 },
          { Name: h.string('Run'), Signature: voidSig, ParamList: 1, ImplFlags: MethodImplAttributes.Synchronized },
        ],
        CustomAttribute: [{ Parent: makeToken(TableId.MethodDef, 2), Type: makeToken(TableId.MethodDef, 1), Value: h.blob([1, 0, 0, 0]) }],
      },
      h,
    );
    const { bytes: out, patched } = patchImplFlags(bytes, 'self.dll');
    expect(patched.map((p) => [p.token, p.name, p.after])).toEqual([[0x06000002, 'C::Run', MethodImplAttributes.Synchronized | Async]]);
    expect(Assembly.fromBytes(out, 'self.dll').methodDef(2).implFlags).toBe(MethodImplAttributes.Synchronized | Async);
  });

  it.skipIf(!fixturesPresent)('leaves the committed fixtures with every marked method flagged', () => {
    for (const name of ['AsyncSamples.dll', 'System.Private.CoreLib.dll']) {
      const path = name === 'System.Private.CoreLib.dll' ? corlibFixture : join(fixturesBin, name);
      const once = patchImplFlags(readFileSync(path), name);
      expect(patchImplFlags(once.bytes, name).patched).toEqual([]);
    }
  });
});

describe('tools/patch-implflags.mjs', () => {
  it('patches in place, prints what it changed and changes nothing the second time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tspmi-patch-'));
    tempDirs.push(dir);
    const file = join(dir, 'EcmaApp.dll');
    copyFileSync(ecmaApp, file);
    const run = () => spawnSync(process.execPath, [join(repoRoot, 'tools/patch-implflags.mjs'), file], { encoding: 'utf8', timeout: 30_000 });
    const first = run();
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`${file}: 0x06000002 Ecma.App.Program::AsyncMarked impl flags 0x0000 -> 0x2000`);
    expect(first.stdout).toContain('Ecma.App.Program::Both impl flags 0x0008 -> 0x2108');
    expect(implFlagsByName(Assembly.open(file)).InlineMarked).toBe(Inline);
    const second = run();
    expect(second.status).toBe(0);
    expect(second.stdout.trim()).toBe(`${file}: no changes`);
  });

  it('reports a bad file on one line and exits 4', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'tools/patch-implflags.mjs'), join(repoRoot, 'package.json')], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(4);
    expect(r.stderr.trim()).toBe(`patch-implflags: ${join(repoRoot, 'package.json')}: not a PE file (no MZ signature)`);
  });
});
