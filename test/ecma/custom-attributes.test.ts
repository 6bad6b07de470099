import { describe, expect, it } from 'vitest';
import {
  Assembly,
  AssemblyResolver,
  EcmaFormatError,
  ElementType as E,
  SigReader,
  TableId,
  decodeCustomAttribute,
  makeToken,
  signatures,
  type CaArgument,
  type CaTypeContext,
} from '../../src/ecma/index.js';
import { dataDir, ecmaApp } from './helpers.js';

/** Plain values of arguments, for compact expectations. */
function plain(a: CaArgument): unknown {
  if (Array.isArray(a.value)) return a.value.map(plain);
  if (a.value !== null && typeof a.value === 'object') return { boxed: plain(a.value) };
  return a.value;
}

function infoAttributes() {
  const resolver = new AssemblyResolver({ searchDirectories: [dataDir] });
  const asm = resolver.load(ecmaApp);
  const program = makeToken(TableId.TypeDef, asm.findTypeDef('Ecma.App', 'Program'));
  const rows = asm.customAttributes(program);
  return { asm, resolver, values: rows.map((r) => asm.customAttributeValue(r, resolver)) };
}

describe('custom attribute blobs of a compiled assembly', () => {
  it('decodes every primitive kind and named field/property arguments', () => {
    const { values } = infoAttributes();
    const first = values[0]!;
    expect(first.fixed.map(plain)).toEqual([true, 0x78, -5, 200, -300, 60000, -70000, 4000000000, -9000000000n, 18000000000000000000n, 1.5, 2.25, 'hello']);
    expect(first.fixed.map((a) => (a.type.kind === 'primitive' ? a.type.type : -1))).toEqual([
      E.Boolean, E.Char, E.I1, E.U1, E.I2, E.U2, E.I4, E.U4, E.I8, E.U8, E.R4, E.R8, E.String,
    ]);
    expect(first.named.map((n) => [n.kind, n.name, plain(n.argument)])).toEqual([
      ['field', 'Name', 'named'],
      ['field', 'Tint', 300],
      ['property', 'Number', 7],
    ]);
    const tint = first.named[1]!.argument.type;
    expect(tint).toMatchObject({ kind: 'enum', underlying: E.I2 });
    expect(tint.kind === 'enum' && tint.name.startsWith('Ecma.Lib.Color, EcmaLib')).toBe(true);
  });

  it('decodes System.Type, enums, boxed objects and arrays', () => {
    const { values } = infoAttributes();
    const second = values[1]!;
    expect(second.fixed.map((a) => a.type.kind)).toEqual(['type', 'enum', 'object', 'szarray', 'szarray', 'szarray']);
    expect(second.fixed.map(plain)).toEqual([
      'Ecma.Lib.Widget, EcmaLib, Version=0.0.0.0, Culture=neutral, PublicKeyToken=null',
      2,
      { boxed: 42 },
      [1, 2, 3],
      ['a', null],
      [1],
    ]);
    expect(second.named.map((n) => [n.name, n.argument.type.kind, plain(n.argument)])).toEqual([
      ['Anything', 'object', { boxed: 300 }],
      ['Kind', 'type', expect.stringMatching(/^Ecma\.Lib\.Box`1\[\[System\.Int32, mscorlib/)],
      ['Palette', 'szarray', null],
    ]);
    const boxedEnum = second.named[0]!.argument.value as CaArgument;
    expect(boxedEnum.type).toMatchObject({ kind: 'enum', underlying: E.I2 });
  });

  it('decodes 64-bit and 8-bit enums, null strings and null arrays', () => {
    const { values } = infoAttributes();
    expect(values[2]!.fixed.map(plain)).toEqual([4294967296n, 3, null]);
    expect(values[2]!.fixed.map((a) => (a.type.kind === 'enum' ? a.type.underlying : a.type.kind))).toEqual([E.I8, E.U1, 'primitive']);
    const fourth = values[3]!;
    expect(fourth.fixed.map(plain)).toEqual([
      'Ecma.Lib.Widget+Inner+Deeper, EcmaLib, Version=0.0.0.0, Culture=neutral, PublicKeyToken=null',
      1,
      { boxed: 'boxed string' },
      null,
      null,
      [],
    ]);
    expect(fourth.named.map((n) => plain(n.argument))).toEqual([{ boxed: [7] }]);
  });

  it('resolves the enums named in attribute blobs through the resolver', () => {
    const { resolver, asm } = infoAttributes();
    const deeper = resolver.resolveTypeName(asm, 'Ecma.Lib.Widget+Inner+Deeper, EcmaLib, Version=0.0.0.0');
    expect(deeper.assembly.typeDefFullName(deeper.rid)).toBe('Ecma.Lib.Widget/Inner/Deeper');
    expect(resolver.enumUnderlyingTypeByName(asm, 'Ecma.Lib.Big, EcmaLib')).toBe(E.I8);
  });

  it('needs a resolver for enums of other assemblies', () => {
    const asm = Assembly.open(ecmaApp);
    const program = makeToken(TableId.TypeDef, asm.findTypeDef('Ecma.App', 'Program'));
    const row = asm.customAttributes(program)[0]!;
    expect(() => asm.customAttributeValue(row)).toThrow(/EcmaApp\.dll: custom attribute 0x[0-9a-f]+ uses enum Ecma\.Lib\.Color, EcmaLib.*an assembly resolver is needed/);
  });

  it('names attribute types without loading other assemblies', () => {
    const asm = Assembly.open(ecmaApp);
    const names = Array.from({ length: asm.rowCount(TableId.CustomAttribute) }, (_, i) => asm.attributeTypeName(i + 1)).map((n) => `${n.namespace}.${n.name}`);
    expect(names).toEqual(expect.arrayContaining(['Ecma.Lib.InfoAttribute', 'System.Runtime.CompilerServices.RuntimeAsyncMethodAttribute']));
  });
});

describe('custom attribute blob decoding', () => {
  const ctx: CaTypeContext = {
    typeName: (t) => `T${t.toString(16)}`,
    isSystemType: (t) => t === 0x01000001,
    enumUnderlyingType: () => E.I4,
    enumUnderlyingTypeByName: () => E.U2,
  };
  const fail = (p: string): never => {
    throw new EcmaFormatError('ca.dll', p);
  };
  /** Each parameter is the bytes of its type. */
  const ctor = (params: number[][]) => signatures.decodeMethodSig(new SigReader(new Uint8Array([0x20, params.length, E.Void, ...params.flat()]), fail));
  const decode = (params: number[][], blob: number[]) => decodeCustomAttribute(new SigReader(new Uint8Array(blob), fail), ctor(params), ctx);

  it('decodes a named enum argument by serialized type name and a boxed array', () => {
    const v = decode([], [1, 0, 2, 0, 0x54, 0x55, 1, 0x45, 1, 0x50, 0x07, 0x00, 0x53, 0x51, 1, 0x58, 0x1d, 0x08, 1, 0, 0, 0, 9, 0, 0, 0]);
    expect(v.named[0]).toMatchObject({ kind: 'property', name: 'P', argument: { type: { kind: 'enum', name: 'E', underlying: E.U2 }, value: 7 } });
    expect(v.named[1]).toMatchObject({ kind: 'field', name: 'X' });
    expect(plain(v.named[1]!.argument)).toEqual({ boxed: [9] });
  });

  it('accepts a blob that ends after the fixed arguments', () => {
    expect(decode([[E.I4]], [1, 0, 5, 0, 0, 0]).fixed.map(plain)).toEqual([5]);
  });

  const bad: [string, number[][], number[], RegExp][] = [
    ['a bad prolog', [], [2, 0, 0, 0], /bad custom attribute prolog 0x2/],
    ['a truncated value', [[E.I8]], [1, 0, 1, 2], /truncated/],
    ['a huge array count', [[E.SzArray, E.I4]], [1, 0, 0xfe, 0xff, 0xff, 0x7f, 1], /truncated/],
    ['an invalid named kind', [], [1, 0, 1, 0, 0x99], /named argument 0 has kind 0x99/],
    ['an unencodable parameter', [[E.Ptr, E.I4]], [1, 0], /cannot encode/],
  ];
  for (const [label, params, blob, message] of bad) {
    it(`rejects ${label}`, () => {
      expect(() => decode(params, blob)).toThrow(EcmaFormatError);
      expect(() => decode(params, blob)).toThrow(message);
    });
  }
});
