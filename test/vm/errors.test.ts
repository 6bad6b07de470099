import { describe, expect, it } from 'vitest';
import {
  CorInfoHelpFunc,
  CorInfoTokenKind,
  CorJitResult,
  EEError,
  failureFromEEError,
  methodContext,
} from '../../src/jitee/index.js';
import { InputError } from '../../src/util/errors.js';
import { Runtime } from '../../src/vm/index.js';
import { consumerPath, fixturesBin, loadFixtures, methodNamed, walkMethod } from './helpers.js';

function expectEEError(fn: () => unknown, kind: EEError['kind'], message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(EEError);
  expect((caught as EEError).kind).toBe(kind);
  expect((caught as EEError).message).toMatch(message);
}

const loadConsumer = () => Runtime.load({ assemblies: [consumerPath], referenceDirectories: [fixturesBin] });

describe('bad input becomes EEError', () => {
  it('a token that does not resolve names the token and the module', () => {
    const rt = loadFixtures();
    const ji = rt.createJitInterface({ version: 'base', mode: 'jit', method: methodNamed(rt, 'Fixtures.Objects.StaticTests', 'ReadMaxItems') });
    const scope = ji.methodInfo()!.scope;
    const ask = (token: number, tokenType: CorInfoTokenKind) => () => ji.resolveToken({ tokenContext: methodContext(ji.method), tokenScope: scope, token, tokenType });
    expectEEError(ask(0x0a00ffff, CorInfoTokenKind.CORINFO_TOKENKIND_Method), 'BadToken', /token 0x0a00ffff does not resolve in Objects: MemberRef has \d+ rows/);
    expectEEError(ask(0x02000000, CorInfoTokenKind.CORINFO_TOKENKIND_Class), 'BadToken', /token 0x02000000 does not resolve in Objects/);
    expectEEError(ask(0x23000001, CorInfoTokenKind.CORINFO_TOKENKIND_Class), 'BadToken', /AssemblyRef tokens name no type/);
    expectEEError(ask(0x70000001, CorInfoTokenKind.CORINFO_TOKENKIND_Class), 'BadToken', /string token/);
  });

  it('a type that cannot be laid out fails the query that needs its layout', () => {
    const rt = loadConsumer();
    const fine = methodNamed(rt, 'VmTests.UsesGhost', 'Fine');
    const ji = rt.createJitInterface({ version: 'base', mode: 'jit', method: fine });
    const cls = rt.classHandle(rt.findType('VmTests.ExplicitClass'));
    expectEEError(() => ji.getHeapClassSize(cls), 'TypeLoad', /^getHeapClassSize: .*ExplicitClass.*misaligned offset/);
  });

  it('a missing referenced assembly fails only the methods that need it', () => {
    const rt = loadConsumer();
    expect(rt.missingReferences.map((m) => m.name)).toEqual(['Ghost']);
    const methods = rt.enumerateMethods();
    const byName = new Map(methods.map((m) => [m.name.split('(')[0], m]));
    expect(byName.get('VmTests.UsesGhost:Fine')?.ok).toBe(true);
    const touch = byName.get('VmTests.UsesGhost:Touch')!;
    expect(touch.ok).toBe(false);
    if (!touch.ok) {
      expect(touch.error.kind).toBe('MissingAssembly');
      expect(touch.error.message).toMatch(/Ghost\.Thing.*assembly Ghost not found/);
    }

    // A compile of Make: the model of a JIT turns the EEError into this method's failure.
    const make = methods.find((m) => m.name.startsWith('VmTests.UsesGhost:Make'))!;
    expect(make.ok).toBe(true);
    const ji = rt.createJitInterface({ version: 'diff', mode: 'r2r', method: make.ok ? make.method : 0n as never });
    const stats = walkMethod(ji);
    expect(stats.eeErrors.length).toBeGreaterThan(0);
    const failure = failureFromEEError(stats.eeErrors[0]!);
    expect(failure).toMatchObject({ ok: false, result: CorJitResult.CORJIT_BADCODE, eeError: { kind: 'MissingAssembly' } });
    expect(failure.message).toMatch(/^MissingAssembly: \w+: .*Ghost\.Thing: assembly Ghost not found/);

    // Fine still compiles in the same Runtime.
    const fineEntry = byName.get('VmTests.UsesGhost:Fine')!;
    if (!fineEntry.ok) throw new Error('Fine should load');
    const fine = rt.createJitInterface({ version: 'diff', mode: 'r2r', method: fineEntry.method });
    expect(walkMethod(fine).eeErrors).toEqual([]);
  });

  it('a class whose base lives in a missing assembly cannot load', () => {
    const rt = loadConsumer();
    const derived = rt.findType('VmTests.DerivesFromGhost');
    const ji = rt.createJitInterface({ version: 'base', mode: 'jit', method: methodNamed(rt, 'VmTests.UsesGhost', 'Fine') });
    expectEEError(() => ji.getClassSize(rt.classHandle(derived)), 'MissingAssembly', /Ghost/);
  });

  it('without the corlib nothing can load: EEError MissingAssembly at load time', () => {
    expectEEError(() => Runtime.load({ assemblies: [consumerPath] }), 'MissingAssembly', /no loaded assembly defines System.Object.*missing references: Ghost, System.Private.CoreLib\)/);
  });

  it('an unreadable input file is an InputError, not an EEError', () => {
    expect(() => Runtime.load({ assemblies: ['/nonexistent/Nothing.dll'] })).toThrow(InputError);
  });

  it('a helper number outside the served table and a vtable offset of a non-virtual method are NotSupported', () => {
    const rt = loadFixtures();
    const md = methodNamed(rt, 'Fixtures.Objects.StaticTests', 'ReadMaxItems');
    const ji = rt.createJitInterface({ version: 'base', mode: 'jit', method: md });
    expectEEError(() => ji.getHelperFtn(250 as CorInfoHelpFunc), 'NotSupported', /CORINFO_HELP_<250> is not a helper of JIT-EE interface version 'base'/);
    expectEEError(() => ji.getHelperFtn(CorInfoHelpFunc.CORINFO_HELP_UNDEF), 'NotSupported', /CORINFO_HELP_UNDEF/);
    expectEEError(() => ji.getMethodVTableOffset(ji.method), 'NotSupported', /is not virtual/);
  });
});
