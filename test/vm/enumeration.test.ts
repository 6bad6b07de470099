import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Assembly, TableId } from '../../src/ecma/index.js';
import { Runtime, methodNameMatcher } from '../../src/vm/index.js';
import { fixtureNames, loadFixtures, monoDir, monoPresent } from './helpers.js';

/** Methods with a body, counted straight from the MethodDef table. */
function bodyCount(asm: Assembly): number {
  let n = 0;
  for (let rid = 1; rid <= asm.rowCount(TableId.MethodDef); rid++) if (asm.methodDef(rid).rva !== 0) n++;
  return n;
}

describe('method enumeration', () => {
  it('lists every method body of every fixture assembly, and all load', () => {
    const rt = loadFixtures();
    const methods = rt.enumerateMethods();
    expect(methods.filter((m) => !m.ok)).toEqual([]);
    for (const name of fixtureNames) {
      const module = rt.inputs.find((m) => m.name === name)!;
      expect(methods.filter((m) => m.module === name).length, name).toBe(bodyCount(module.assembly));
    }
  });

  it('names methods RyuJIT style and enumerates generic code in its shared form', () => {
    const names = new Set(loadFixtures().enumerateMethods().map((m) => m.name));
    for (const n of [
      'Fixtures.Objects.StructTests:MakePoint(int,int):Fixtures.Objects.Point',
      'Fixtures.Objects.Point:LengthSquared():int:this',
      'Fixtures.Objects.StaticTests:WriteMaxItems(int)',
      'Fixtures.Generics.Box`1[System.__Canon]:get_Value():System.__Canon:this',
      'Fixtures.Generics.GenericMethods:Identity[System.__Canon](System.__Canon):System.__Canon',
      'Fixtures.Generics.Pair`2[System.__Canon,System.__Canon]:Swap():Fixtures.Generics.Pair`2[System.__Canon,System.__Canon]:this',
      // where T : struct, IEquatable<T>: instantiated over int, not __Canon
      'Fixtures.Generics.GenericMethods:IsDefault[int](int):bool',
      'Fixtures.Generics.List`1+Enumerator[System.__Canon]:MoveNext():bool:this',
    ]) {
      expect(names, n).toContain(n);
    }
  });

  it('filters by a name glob, with or without the signature', () => {
    const rt = loadFixtures();
    const structs = rt.enumerateMethods({ filter: 'Fixtures.Objects.StructTests:*' });
    expect(structs.length).toBeGreaterThan(10);
    expect(structs.every((m) => m.name.startsWith('Fixtures.Objects.StructTests:'))).toBe(true);
    expect(rt.enumerateMethods({ filter: 'Fixtures.Objects.StructTests:Make?oint' }).map((m) => m.name)).toEqual(['Fixtures.Objects.StructTests:MakePoint(int,int):Fixtures.Objects.Point']);
    const match = methodNameMatcher('*:Main*');
    expect(match('Program:Main():int')).toBe(true);
    expect(match('Program:NotMain():int')).toBe(false);
    expect(methodNameMatcher('A.B:C(int)')('A.B:C(int)')).toBe(true);
    expect(methodNameMatcher('A.B:C(int)')('AxB:C(int)')).toBe(false);
  });

  it.skipIf(!monoPresent)(`enumerates all of mscorlib without throwing${monoPresent ? '' : ' (skipped: /usr/lib/mono/4.5 absent)'}`, () => {
    const rt = Runtime.load({ assemblies: [join(monoDir, 'mscorlib.dll')] });
    const methods = rt.enumerateMethods();
    expect(methods.length).toBe(bodyCount(rt.inputs[0]!.assembly));
    for (const m of methods) if (!m.ok) expect(m.error.name).toBe('EEError');
    expect(methods.filter((m) => m.ok).length).toBeGreaterThan(methods.length * 0.95);
  });
});
