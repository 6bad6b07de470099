import { beforeAll, describe, expect, it } from 'vitest';
import { TableId, tokenTable } from '../../src/ecma/index.js';
import {
  CorInfoTokenKind,
  CorInfoType,
  EEError,
  InfoAccessType,
  NULL_FIELD_HANDLE,
  NULL_METHOD_HANDLE,
  methodContext,
} from '../../src/jitee/index.js';
import type { Runtime } from '../../src/vm/index.js';
import { OP, ilInstructions, loadFixtures, methodNamed, resolvedInstructions } from './helpers.js';

let rt: Runtime;
beforeAll(() => {
  rt = loadFixtures();
});

function jiFor(type: string, method: string, mode: 'jit' | 'r2r' = 'jit') {
  return rt.createJitInterface({ version: 'diff', mode, method: methodNamed(rt, type, method) });
}

const className = (h: bigint) => rt.names.className(rt.typeOf(h as never));
const methodName = (h: bigint) => rt.names.methodName(rt.methodOf(h as never));

describe('resolveToken, by token table', () => {
  it('resolves every token of every fixture method, covering every table', () => {
    const seen = new Map<string, number>();
    for (const m of rt.enumerateMethods()) {
      if (!m.ok) continue;
      const ji = rt.createJitInterface({ version: 'base', mode: 'jit', method: m.method });
      for (const r of resolvedInstructions(ji)) {
        const table = tokenTable(r.token);
        const key =
          table === TableId.MemberRef ? (r.resolved.hField !== NULL_FIELD_HANDLE ? 'MemberRef/field' : 'MemberRef/method') : (Object.entries(TableId).find(([, v]) => v === table)?.[0] ?? '?');
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    for (const k of ['TypeDef', 'TypeRef', 'TypeSpec', 'MethodDef', 'MemberRef/method', 'MemberRef/field', 'MethodSpec', 'Field']) {
      expect(seen.get(k), k).toBeGreaterThan(0);
    }
  });

  it('MemberRef on a generic instantiation: the method on the exact owner, with the parent TypeSpec', () => {
    const ji = jiFor('Fixtures.Generics.GenericTests', 'IntBox');
    const rs = resolvedInstructions(ji);
    const ctor = rs.find((r) => r.opcode === OP.newobj)!;
    expect(tokenTable(ctor.token)).toBe(TableId.MemberRef);
    expect(methodName(ctor.resolved.hMethod)).toBe('Fixtures.Generics.Box`1[int]:.ctor(int):this');
    expect(className(ctor.resolved.hClass)).toBe('Fixtures.Generics.Box`1[int]');
    expect(ctor.resolved.pTypeSpec.length).toBeGreaterThan(0);
    const getter = rs.find((r) => r.opcode === OP.callvirt && methodName(r.resolved.hMethod).includes('get_Value'))!;
    expect(methodName(getter.resolved.hMethod)).toBe('Fixtures.Generics.Box`1[int]:get_Value():int:this');
  });

  it('MemberRef field of a generic type, read in shared code: owner and type over __Canon', () => {
    const ji = jiFor('Fixtures.Generics.List`1', 'Add');
    const field = resolvedInstructions(ji).find((r) => r.resolved.hField !== NULL_FIELD_HANDLE)!;
    expect(tokenTable(field.token)).toBe(TableId.MemberRef);
    expect(className(field.resolved.hClass)).toBe('Fixtures.Generics.List`1[System.__Canon]');
    const items = resolvedInstructions(ji).find((r) => r.resolved.hField !== NULL_FIELD_HANDLE && ji.getFieldName(r.resolved.hField) === '_items')!;
    const type = ji.getFieldType(items.resolved.hField);
    expect(type.type).toBe(CorInfoType.CORINFO_TYPE_CLASS);
    expect(className(type.structType)).toBe('System.__Canon[]');
  });

  it('MethodSpec: the instantiated generic method and its instantiation blob', () => {
    const ji = jiFor('Fixtures.Generics.GenericTests', 'Maxes');
    const specs = resolvedInstructions(ji).filter((r) => tokenTable(r.token) === TableId.MethodSpec);
    expect(specs.map((r) => methodName(r.resolved.hMethod))).toEqual([
      'Fixtures.Generics.GenericMethods:Max[int](int,int):int',
      'Fixtures.Generics.GenericMethods:Max[Fixtures.Generics.Token](Fixtures.Generics.Token,Fixtures.Generics.Token):Fixtures.Generics.Token',
    ]);
    expect(specs[0]!.resolved.pMethodSpec.length).toBeGreaterThan(0);
  });

  it('MethodDef and FieldDef tokens', () => {
    const ji = jiFor('Fixtures.Objects.StaticTests', 'ReadMaxItems');
    const [load] = resolvedInstructions(ji);
    expect(tokenTable(load!.token)).toBe(TableId.Field);
    expect(ji.getFieldName(load!.resolved.hField)).toBe('MaxItems');
    expect(className(load!.resolved.hClass)).toBe('Fixtures.Objects.Settings');
    const call = resolvedInstructions(jiFor('Fixtures.Objects.StaticTests', 'RegistryLookup'))[0]!;
    expect(tokenTable(call.token)).toBe(TableId.MethodDef);
    expect(methodName(call.resolved.hMethod)).toBe('Fixtures.Objects.Registry:Lookup(int):int');
  });

  it('TypeRef and TypeDef tokens for ldtoken, and the handle type ldtoken pushes', () => {
    const ji = jiFor('Fixtures.Objects.TypeTests', 'TypeOfInt');
    const tok = resolvedInstructions(ji).find((r) => r.opcode === OP.ldtoken)!;
    expect(tokenTable(tok.token)).toBe(TableId.TypeRef);
    expect(className(tok.resolved.hClass)).toBe('System.Int32');
    expect(className(ji.getTokenTypeAsHandle(tok.resolved))).toBe('System.RuntimeTypeHandle');
    const shape = resolvedInstructions(jiFor('Fixtures.Objects.TypeTests', 'TypeOfShape')).find((r) => r.opcode === OP.ldtoken)!;
    expect(tokenTable(shape.token)).toBe(TableId.TypeDef);
    expect(className(shape.resolved.hClass)).toBe('Fixtures.Objects.Shape');
    const arr = resolvedInstructions(jiFor('Fixtures.Objects.TypeTests', 'TypeOfArray')).find((r) => r.opcode === OP.ldtoken)!;
    expect(tokenTable(arr.token)).toBe(TableId.TypeSpec);
    expect(className(arr.resolved.hClass)).toBe('Fixtures.Objects.Point[]');
  });

  it('ldtoken of a field (array initializers) pushes a RuntimeFieldHandle', () => {
    const ji = jiFor('Fixtures.Objects.ArrayTests', 'Primes');
    const tok = resolvedInstructions(ji).find((r) => r.opcode === OP.ldtoken)!;
    expect(tok.resolved.hField).not.toBe(NULL_FIELD_HANDLE);
    expect(className(ji.getTokenTypeAsHandle(tok.resolved))).toBe('System.RuntimeFieldHandle');
    const content = ji.getStaticFieldContent(tok.resolved.hField, 0, 8, false);
    expect(content && [...new Int32Array(content.buffer.slice(content.byteOffset, content.byteOffset + 8))]).toEqual([2, 3]);
  });

  it('newarr gives the array class; box, castclass and isinst give the type', () => {
    const squares = resolvedInstructions(jiFor('Fixtures.Objects.ArrayTests', 'MakeSquares')).find((r) => r.opcode === OP.newarr)!;
    expect(className(squares.resolved.hClass)).toBe('int[]');
    const cast = resolvedInstructions(jiFor('Fixtures.Objects.TypeTests', 'CastToCircle')).find((r) => r.opcode === OP.castclass)!;
    expect(className(cast.resolved.hClass)).toBe('Fixtures.Objects.Circle');
    const isinst = resolvedInstructions(jiFor('Fixtures.Objects.TypeTests', 'IsString')).find((r) => r.opcode === OP.isinst)!;
    expect(className(isinst.resolved.hClass)).toBe('System.String');
    const boxing = resolvedInstructions(jiFor('Fixtures.Generics.GenericMethods', 'BoxIt')).find((r) => r.opcode === OP.box)!;
    expect(className(boxing.resolved.hClass)).toBe('System.__Canon');
  });

  it('resolves array methods of multi-dimensional arrays', () => {
    const ji = jiFor('Fixtures.Objects.ArrayTests', 'MakeGrid');
    const names = resolvedInstructions(ji).filter((r) => r.resolved.hMethod !== NULL_METHOD_HANDLE).map((r) => methodName(r.resolved.hMethod));
    expect(names).toContain('int[,]:.ctor(int,int):this');
    expect(names.some((n) => n.startsWith('int[,]:Set(int,int,int)'))).toBe(true);
  });
});

describe('string literals', () => {
  it('reads literals from #US and gives each one a cell', () => {
    const ji = jiFor('Fixtures.Objects.StringTests', 'NonAscii');
    const info = ji.methodInfo()!;
    const ldstr = [...ilInstructions(info.ILCode)].find((i) => i.opcode === OP.ldstr)!;
    expect(ji.getStringLiteral(info.scope, ldstr.token!)).toBe('Grüße, 世界 \u2603');
    const lookup = ji.constructStringLiteral(info.scope, ldstr.token!);
    expect(lookup.accessType).toBe(InfoAccessType.IAT_PVALUE);
    expect(rt.describeAddress(lookup.handle)).toMatch(/string literal Objects!0x70/);
    expect(ji.getStringLiteral(info.scope, 0x70ffffff)).toBeNull();
    expect(() => ji.constructStringLiteral(info.scope, 0x70ffffff)).toThrow(EEError);
  });

  it('in r2r mode the literal is a StringHandle import cell', () => {
    const ji = jiFor('Fixtures.Objects.StringTests', 'Greeting', 'r2r');
    const info = ji.methodInfo()!;
    const ldstr = [...ilInstructions(info.ILCode)].find((i) => i.opcode === OP.ldstr)!;
    const lookup = ji.constructStringLiteral(info.scope, ldstr.token!);
    expect(ji.r2rFixups).toEqual([expect.objectContaining({ cell: lookup.handle, kindName: 'READYTORUN_FIXUP_StringHandle', target: expect.stringContaining('"Hello, world"') })]);
    expect(ji.dependencies).toEqual([expect.objectContaining({ kind: 'StringLiteral' })]);
  });
});

describe('resolveToken checks the token kind', () => {
  it('rejects a field token where a method is expected, naming the token', () => {
    const ji = jiFor('Fixtures.Objects.StaticTests', 'ReadMaxItems');
    const info = ji.methodInfo()!;
    const fieldToken = [...ilInstructions(info.ILCode)].find((i) => i.token !== undefined)!.token!;
    const ask = () => ji.resolveToken({ tokenContext: methodContext(ji.method), tokenScope: info.scope, token: fieldToken, tokenType: CorInfoTokenKind.CORINFO_TOKENKIND_Method });
    expect(ask).toThrow(EEError);
    expect(ask).toThrow(/token 0x04[0-9a-f]{6} does not resolve in Objects: it names a field where the instruction needs a method/);
  });
});
