import { describe, expect, it } from 'vitest';
import {
  Assembly,
  EcmaFormatError,
  ElementType as E,
  SigReader,
  TableId,
  formatTypeSig,
  makeToken,
  methodSigsEqual,
  signatures,
  stripModifiers,
  typeSigsEqual,
  type TypeSig,
} from '../../src/ecma/index.js';
import { ecmaApp, ecmaLib } from './helpers.js';

const fail = (problem: string): never => {
  throw new EcmaFormatError('sig.dll', problem);
};
const reader = (bytes: number[]) => new SigReader(new Uint8Array(bytes), fail);
const name = (token: number) => `T${(token >>> 24).toString(16)}_${token & 0xffffff}`;
const text = (t: TypeSig) => formatTypeSig(t, name);

// TypeDefOrRefOrSpecEncoded: rid << 2 | tag (0 TypeDef, 1 TypeRef, 2 TypeSpec).
const typeRef = (rid: number) => (rid << 2) | 1;
const typeDef = (rid: number) => rid << 2;

describe('method signatures', () => {
  it('decodes instance, static, generic and byref shapes', () => {
    // instance int32 (string, int32&, object)
    const m = signatures.decodeMethodSig(reader([0x20, 3, E.I4, E.String, E.ByRef, E.I4, E.Object]));
    expect(m.hasThis).toBe(true);
    expect(m.params.map(text)).toEqual(['string', 'int32&', 'object']);
    expect(text(m.returnType)).toBe('int32');
    // generic<2> !!1 (!!0, !0)
    const g = signatures.decodeMethodSig(reader([0x10, 2, 2, E.MVar, 1, E.MVar, 0, E.Var, 0]));
    expect(g.genericParamCount).toBe(2);
    expect(text(g.returnType)).toBe('!!1');
    expect(g.params.map(text)).toEqual(['!!0', '!0']);
  });

  it('decodes the vararg sentinel', () => {
    // vararg void (int32, ..., int64, string)
    const m = signatures.decodeMethodSig(reader([0x05, 3, E.Void, E.I4, E.Sentinel, E.I8, E.String]));
    expect(m.callingConvention).toBe(5);
    expect(m.sentinelIndex).toBe(1);
    expect(m.params.map(text)).toEqual(['int32', 'int64', 'string']);
    // A call site with no variable arguments ends with the sentinel.
    const none = signatures.decodeMethodSig(reader([0x05, 1, E.Void, E.I4, E.Sentinel]));
    expect(none.sentinelIndex).toBe(1);
  });

  it('decodes typedref returns, custom modifiers and function pointers', () => {
    const m = signatures.decodeMethodSig(
      reader([0x00, 2, E.TypedByRef, E.CModReqd, typeRef(3), E.I4, E.FnPtr, 0x00, 1, E.Void, E.CModOpt, typeRef(4), E.Ptr, E.U1]),
    );
    expect(text(m.returnType)).toBe('typedref');
    expect(m.params[0]).toEqual({ kind: 'modified', required: true, modifier: makeToken(TableId.TypeRef, 3), type: { kind: 'primitive', type: E.I4 } });
    expect(stripModifiers(m.params[0]!)).toEqual({ kind: 'primitive', type: E.I4 });
    expect(text(m.params[1]!)).toBe('method void *(unsigned int8* modopt(T1_4))');
  });
});

describe('type signatures', () => {
  it('decodes general arrays with sizes and negative lower bounds', () => {
    // Rank 3, sizes [2, 3], lower bounds [0, -2]; -2 is 0x7D once rotated (II.23.2).
    const t = signatures.decodeTypeSpec(reader([E.Array, E.I4, 3, 2, 2, 3, 2, 0, 0x7d]));
    expect(t).toEqual({ kind: 'array', element: { kind: 'primitive', type: E.I4 }, rank: 3, sizes: [2, 3], lowerBounds: [0, -2] });
    expect(text(t)).toBe('int32[0...1,-2...0,]');
  });

  it('decodes compressed signed lower bounds of every length', () => {
    const lo = (bytes: number[]) => {
      const t = signatures.decodeTypeSpec(reader([E.Array, E.I4, 1, 0, 1, ...bytes]));
      return t.kind === 'array' ? t.lowerBounds[0] : undefined;
    };
    // The examples of ECMA-335 II.23.2.
    expect(lo([0x06])).toBe(3);
    expect(lo([0x7b])).toBe(-3);
    expect(lo([0x80, 0x80])).toBe(64);
    expect(lo([0x01])).toBe(-64);
    expect(lo([0xc0, 0x00, 0x40, 0x00])).toBe(8192);
    expect(lo([0x80, 0x01])).toBe(-8192);
    expect(lo([0xdf, 0xff, 0xff, 0xfe])).toBe(268435455);
    expect(lo([0xc0, 0x00, 0x00, 0x01])).toBe(-268435456);
  });

  it('decodes 2- and 4-byte compressed signed lower bounds', () => {
    // -0x1000 as a 2-byte signed compressed value; 0x100000 as a 4-byte one.
    const t = signatures.decodeTypeSpec(reader([E.Array, E.I4, 2, 0, 2, 0x80 | 0x20, 0x01, 0xc0, 0x20, 0x00, 0x00]));
    expect(t.kind === 'array' && t.lowerBounds).toEqual([-0x1000, 0x100000]);
  });

  it('decodes generic instantiations, pointers and szarrays', () => {
    // class T1_5<valuetype T2_6, !0[]*, string[][]>
    const t = signatures.decodeTypeSpec(
      reader([E.GenericInst, E.Class, typeRef(5), 3, E.ValueType, typeDef(6), E.Ptr, E.SzArray, E.Var, 0, E.SzArray, E.SzArray, E.String]),
    );
    expect(text(t)).toBe('class T1_5<valuetype T2_6, !0[]*, string[][]>');
  });

  it('decodes field, property, local and method-spec blobs', () => {
    expect(text(signatures.decodeFieldSig(reader([0x06, E.CModOpt, typeRef(2), E.R8])))).toBe('float64 modopt(T1_2)');
    const p = signatures.decodePropertySig(reader([0x28, 1, E.String, E.I4]));
    expect(p.hasThis).toBe(true);
    expect(text(p.type)).toBe('string');
    expect(p.params.map(text)).toEqual(['int32']);
    const locals = signatures.decodeLocalVarSig(reader([0x07, 4, E.Pinned, E.ByRef, E.U1, E.TypedByRef, E.CModReqd, typeRef(9), E.Pinned, E.Object, E.Class, typeRef(1)]));
    expect(locals.map(text)).toEqual(['unsigned int8& pinned', 'typedref', 'object pinned modreq(T1_9)', 'class T1_1']);
    expect(signatures.decodeMethodSpec(reader([0x0a, 2, E.I4, E.String])).map(text)).toEqual(['int32', 'string']);
    expect(signatures.decodeStandAloneSig(reader([0x07, 0])).kind).toBe('locals');
    expect(signatures.decodeStandAloneSig(reader([0x00, 0, E.Void])).kind).toBe('method');
    expect(signatures.decodeMemberRefSig(reader([0x06, E.I4])).kind).toBe('field');
  });
});

describe('hostile signatures', () => {
  const bad: [string, number[], RegExp][] = [
    ['truncated', [0x20, 3, E.I4, E.String], /truncated at byte 4/],
    ['bad element type', [0x06, 0x77], /unexpected element type 0x77 at byte 1/],
    ['bad header', [0x06, 0, E.Void], /not a method signature header/],
    ['bad TypeDefOrRef tag', [0x06, E.Class, 0x03], /invalid TypeDefOrRef encoding 0x3/],
    ['bad compressed integer', [0x20, 0xe5], /invalid compressed integer 0xe5/],
    ['huge argument count', [0x06, E.GenericInst, E.Class, typeRef(1), 0xdf, 0xff, 0xff, 0xff, E.I4], /truncated/],
    ['deep nesting', [0x06, ...new Array<number>(100_000).fill(E.SzArray), E.I4], /nests deeper than 256 levels/],
  ];
  for (const [label, bytes, message] of bad) {
    it(`rejects ${label} with a format error`, () => {
      const decode = label === 'bad header' ? signatures.decodeMethodSig : label.startsWith('truncated') || label === 'bad compressed integer' ? signatures.decodeMethodSig : signatures.decodeFieldSig;
      let caught: unknown;
      try {
        decode(reader(bytes));
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(EcmaFormatError);
      expect((caught as Error).message).toMatch(message);
    });
  }
});

describe('signatures of real assemblies', () => {
  it('formats method signatures with the assembly type names', () => {
    const lib = Assembly.open(ecmaLib);
    const widget = lib.findTypeDef('Ecma.Lib', 'Widget');
    const texts = lib.typeDefMethods(widget).map((m) => lib.formatMethod(m));
    expect(texts).toEqual(
      expect.arrayContaining([
        'instance int32 Overload(int32&)',
        'instance int32 Overload(int32[0...,0...])',
        'instance int32 Overload<1>(!!0)',
        'instance int32 Overload(class Ecma.Lib.Box`1<int32>)',
        'instance int32 Overload(int32*)',
      ]),
    );
    const sum = lib.typeDefMethods(widget).find((m) => lib.methodDef(m).name === 'Sum')!;
    expect(lib.methodSignature(sum).callingConvention).toBe(5);
  });

  it('decodes the vararg call site and locals of a compiled method', () => {
    const app = Assembly.open(ecmaApp);
    const sumRef = Array.from({ length: app.rowCount(TableId.MemberRef) }, (_, i) => i + 1).find((r) => app.memberRef(r).name === 'Sum')!;
    const sig = app.memberRefSignature(sumRef);
    expect(sig.kind).toBe('method');
    if (sig.kind !== 'method') return;
    expect(sig.signature.sentinelIndex).toBe(1);
    expect(sig.signature.params.map((p) => app.formatType(p))).toEqual(['int32', 'int32', 'int64']);
    const method = (n: string) => app.typeDefMethods(2).find((m) => app.methodDef(m).name === n)!;
    expect(app.localVariables(method('Unsafe')).map((t) => app.formatType(t))).toEqual(['int32& pinned']);
    expect(app.localVariables(method('TypedRef')).map((t) => app.formatType(t))).toEqual(['typedref']);
  });

  it('compares signatures structurally', () => {
    const a = signatures.decodeMethodSig(reader([0x20, 1, E.Void, E.Class, typeRef(1)]));
    const b = signatures.decodeMethodSig(reader([0x20, 1, E.Void, E.Class, typeRef(2)]));
    expect(methodSigsEqual(a, b, () => true)).toBe(true);
    expect(methodSigsEqual(a, b, (x, y) => x === y)).toBe(false);
    const arr = (lo: number) => signatures.decodeTypeSpec(reader([E.Array, E.I4, 1, 0, 1, lo]));
    expect(typeSigsEqual(arr(0), arr(0), () => true)).toBe(true);
    expect(typeSigsEqual(arr(0), arr(2), () => true)).toBe(false);
    // A vararg call site matches its definition on the fixed part only.
    const def = signatures.decodeMethodSig(reader([0x05, 1, E.Void, E.I4]));
    const site = signatures.decodeMethodSig(reader([0x05, 2, E.Void, E.I4, E.Sentinel, E.I8]));
    expect(methodSigsEqual(site, def, () => true, true)).toBe(true);
    expect(methodSigsEqual(site, def, () => true)).toBe(false);
  });
});
