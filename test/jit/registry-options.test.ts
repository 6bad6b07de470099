import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_JIT_FLAGS } from '../../src/jitee/index.js';
import { BUILTIN_JIT_NAMES, baseJit, diffJit, loadJit, parseJitOptions, parseMethodGlob } from '../../src/jit/index.js';
import { InputError } from '../../src/util/errors.js';
import { fakeMethod } from './fake-ee.js';
import { il } from './il-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'tspmi-jit-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the JIT registry', () => {
  it('has base and diff built in, differing only in the interface version they need', async () => {
    expect(BUILTIN_JIT_NAMES).toEqual(['base', 'diff']);
    expect(await loadJit('base')).toBe(baseJit);
    expect(await loadJit('diff')).toBe(diffJit);
    expect(baseJit.interfaceVersion).toBe('base');
    expect(diffJit.interfaceVersion).toBe('diff');
    const a = fakeMethod({ il: il('ldc.i4.1', 'pop', 'ret') });
    const b = fakeMethod({ il: il('ldc.i4.1', 'pop', 'ret') });
    const ra = baseJit.compileMethod(a.ji, a.info, NO_JIT_FLAGS, {});
    const rb = diffJit.compileMethod(b.ji, b.info, NO_JIT_FLAGS, {});
    expect(ra.ok && rb.ok && Buffer.from(ra.code).equals(Buffer.from(rb.code))).toBe(true);
  });

  it('loads a JIT module by path (default export, `jit` export, or the module itself)', async () => {
    const asDefault = join(dir, 'default-jit.mjs');
    writeFileSync(asDefault, `export default { name: 'mine', interfaceVersion: 'diff', compileMethod() { return { ok: false, result: 0x80000006, message: 'no' }; } };\n`);
    const mine = await loadJit(asDefault);
    expect(mine.name).toBe('mine');
    const asNamed = join(dir, 'named-jit.mjs');
    writeFileSync(asNamed, `export const jit = { name: 'named', interfaceVersion: 'base', compileMethod() {} };\n`);
    expect((await loadJit(asNamed)).name).toBe('named');
  });

  it('rejects unknown names, missing files and modules that are not JITs with InputError', async () => {
    await expect(loadJit('nosuch')).rejects.toThrow(InputError);
    await expect(loadJit('nosuch')).rejects.toThrow(/unknown JIT 'nosuch'/);
    await expect(loadJit(join(dir, 'missing.mjs'))).rejects.toThrow(/does not exist/);
    const notJit = join(dir, 'not-jit.mjs');
    writeFileSync(notJit, 'export const answer = 42;\n');
    await expect(loadJit(notJit)).rejects.toThrow(/does not export a JIT/);
    const broken = join(dir, 'broken.mjs');
    writeFileSync(broken, 'export default {{;\n');
    await expect(loadJit(broken)).rejects.toThrow(/cannot load JIT module/);
  });
});

describe('JIT options', () => {
  it('parse DOTNET_Jit* style keys case-insensitively and ignore unknown ones', () => {
    const o = parseJitOptions({ JitNoInline: '1', DOTNET_JitDisasm: 'Main Get*', jitdisasmsummary: 'true', Whatever: 'x' });
    expect(o.noInline).toBe(true);
    expect(o.disasmSummary).toBe(true);
    expect(o.disasm?.matches('Program:Main():int')).toBe(true);
    expect(o.disasm?.matches('Ns.Box:GetValue():int:this')).toBe(true);
    expect(o.disasm?.matches('Program:Other()')).toBe(false);
    expect(parseJitOptions({ JitNoInline: '0' }).noInline).toBe(false);
    expect(parseJitOptions({}).disasm).toBeUndefined();
  });

  it('match method globs by method, Class:Method or the namespace-qualified class', () => {
    const g = parseMethodGlob('Arithmetic:Add* *.Loops:*;Switch?');
    expect(g.matches('Fixtures.Basics.Arithmetic:AddInt(int,int):int')).toBe(true);
    expect(g.matches('Fixtures.Basics.Loops:Sum(int):int')).toBe(true);
    expect(g.matches('Fixtures.Basics.Branches:Switch1()')).toBe(true);
    expect(g.matches('Fixtures.Basics.Branches:Switch()')).toBe(false);
  });

  it('write JitDisasm listings and JitDisasmSummary lines to JitStdOutFile', () => {
    const out = join(dir, 'jit-out.txt');
    const f = fakeMethod({ il: il('ldc.i4.1', 'pop', 'ret') });
    const result = baseJit.compileMethod(f.ji, f.info, NO_JIT_FLAGS, { JitDisasm: 'Test', JitDisasmSummary: '1', JitStdOutFile: out, JitDumpIR: '*' });
    expect(result.ok).toBe(true);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('IR of Tests.Fake:Test()');
    expect(text).toMatch(/JIT compiled Tests\.Fake:Test\(\) \[Tier0, IL size=3, code size=\d+\]/);
    expect(text).toContain('; Assembly listing for method Tests.Fake:Test() (Tier0)');
  });
});
