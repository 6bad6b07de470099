import { describe, expect, it } from 'vitest';
import { Assembly, EcmaFormatError, PeImage, TableId, makeToken, readMethodBody } from '../../src/ecma/index.js';
import { FileBytes } from '../../src/ecma/bytes.js';
import { ecmaApp } from './helpers.js';
import { SYNTHETIC_SECTION_RVA, buildPe } from './synthetic.js';

const RVA = SYNTHETIC_SECTION_RVA;

/** A PE whose section holds `body` at its start (RVA 0x2000). */
function bodyAt(body: number[]): PeImage {
  return new PeImage(new FileBytes(buildPe(new Uint8Array(body)), 'body.dll'));
}

const u16 = (v: number) => [v & 0xff, v >>> 8];
const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];

/** Fat header: flags (with format 3 and size 3 dwords), max stack, code size, locals token. */
function fatHeader(flags: number, maxStack: number, codeSize: number, localsToken: number): number[] {
  return [...u16(0x3000 | flags | 0x3), ...u16(maxStack), ...u32(codeSize), ...u32(localsToken)];
}

describe('method body headers', () => {
  it('reads a tiny header', () => {
    const body = readMethodBody(bodyAt([(3 << 2) | 0x2, 0x16, 0x17, 0x2a]), RVA, 'MethodDef 0x06000001');
    expect(body).toMatchObject({ format: 'tiny', codeSize: 3, maxStack: 8, localVarSigToken: 0, initLocals: false, headerSize: 1 });
    expect(Array.from(body.code)).toEqual([0x16, 0x17, 0x2a]);
    expect(body.exceptionClauses).toEqual([]);
  });

  it('reads a fat header with locals and init locals', () => {
    const body = readMethodBody(bodyAt([...fatHeader(0x10, 5, 2, 0x11000003), 0x00, 0x2a]), RVA, 'MethodDef 0x06000001');
    expect(body).toMatchObject({ format: 'fat', codeSize: 2, maxStack: 5, localVarSigToken: 0x11000003, initLocals: true, headerSize: 12 });
    expect(Array.from(body.code)).toEqual([0x00, 0x2a]);
  });

  it('reads small EH clauses after the code, 4-byte aligned', () => {
    const code = [0x00, 0x00, 0x00, 0x00, 0x00, 0x2a]; // 6 bytes → 2 bytes of padding
    const section = [0x01, 4 + 2 * 12, 0, 0];
    const catchClause = [...u16(0), ...u16(0), 2, ...u16(2), 3, ...u32(0x01000007)];
    const faultClause = [...u16(4), ...u16(0), 4, ...u16(4), 1, ...u32(0)];
    const body = readMethodBody(bodyAt([...fatHeader(0x08, 1, code.length, 0), ...code, 0, 0, ...section, ...catchClause, ...faultClause]), RVA, 'm');
    expect(body.exceptionClauses).toEqual([
      { kind: 'catch', flags: 0, tryOffset: 0, tryLength: 2, handlerOffset: 2, handlerLength: 3, classToken: 0x01000007, filterOffset: 0, fat: false },
      { kind: 'fault', flags: 4, tryOffset: 0, tryLength: 4, handlerOffset: 4, handlerLength: 1, classToken: 0, filterOffset: 0, fat: false },
    ]);
    expect(body.totalSize).toBe(12 + 6 + 2 + 28);
  });

  it('reads fat EH clauses, also after a non-EH section', () => {
    const code = [0x2a, 0, 0, 0];
    const other = [0x02 | 0x80, 8, 0, 0, 0xee, 0xee, 0xee, 0xee]; // an OptIL section, more follow
    const fatSection = [0x01 | 0x40, ...u32(4 + 2 * 24).slice(0, 3)];
    const filter = [...u32(1), ...u32(0), ...u32(0x10000), ...u32(0x10010), ...u32(0x20), ...u32(0x10008)];
    const fin = [...u32(2), ...u32(0), ...u32(0x300), ...u32(0x300), ...u32(1), ...u32(0)];
    const body = readMethodBody(bodyAt([...fatHeader(0x08, 1, 4, 0), ...code, ...other, ...fatSection, ...filter, ...fin]), RVA, 'm');
    expect(body.exceptionClauses).toEqual([
      { kind: 'filter', flags: 1, tryOffset: 0, tryLength: 0x10000, handlerOffset: 0x10010, handlerLength: 0x20, classToken: 0, filterOffset: 0x10008, fat: true },
      { kind: 'finally', flags: 2, tryOffset: 0, tryLength: 0x300, handlerOffset: 0x300, handlerLength: 1, classToken: 0, filterOffset: 0, fat: true },
    ]);
  });

  const broken: [string, number[], string][] = [
    ['tiny code past the section', [(20 << 2) | 0x2, 0x2a], 'body.dll: method body of m at RVA 0x2000 runs past the end of its section'],
    ['fat code past the section', [...fatHeader(0, 1, 0x7fffffff, 0)], 'body.dll: method body of m at RVA 0x2000 runs past the end of its section'],
    ['fat header cut short', [0x13, 0x30, 1], 'body.dll: method body of m at RVA 0x2000 runs past the end of its section'],
    ['an invalid header format', [0x00, 0x2a], 'body.dll: method body of m at RVA 0x2000 has an invalid header format (first byte 0x0)'],
    ['a too small fat header', [0x13, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 'body.dll: method body of m at RVA 0x2000 has a fat header of 4 bytes (at least 12 expected)'],
    ['an EH section past the section', [...fatHeader(0x08, 1, 4, 0), 0x2a, 0, 0, 0, 0x41, 0xff, 0xff, 0x00], 'body.dll: method body of m at RVA 0x2000 runs past the end of its section'],
    ['an empty data section', [...fatHeader(0x08, 1, 4, 0), 0x2a, 0, 0, 0, 0x81, 0, 0, 0], 'body.dll: method body of m at RVA 0x2000 has a data section of 0 bytes'],
  ];
  for (const [label, bytes, message] of broken) {
    it(`rejects ${label}`, () => {
      let caught: unknown;
      try {
        readMethodBody(bodyAt(bytes), RVA, 'm');
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(EcmaFormatError);
      expect((caught as Error).message).toBe(message);
    });
  }

  it('rejects a body outside every section', () => {
    expect(() => readMethodBody(bodyAt([0x0a, 0x2a]), 0x9000, 'MethodDef 0x06000002')).toThrow(
      'body.dll: method body of MethodDef 0x06000002 at RVA 0x9000 is not inside any section',
    );
  });
});

describe('method bodies of a compiled assembly', () => {
  const asm = Assembly.open(ecmaApp);
  const method = (name: string) => asm.typeDefMethods(2).find((m) => asm.methodDef(m).name === name)!;

  it('uses tiny headers for small methods without locals', () => {
    expect(asm.methodBody(method('Unmarked'))).toMatchObject({ format: 'tiny', codeSize: 2 });
  });

  it('reads catch and finally clauses', () => {
    const body = asm.methodBody(method('TryCatchFinally'))!;
    expect(body.format).toBe('fat');
    expect(body.exceptionClauses.map((c) => c.kind)).toEqual(['catch', 'finally']);
    const catchType = body.exceptionClauses[0]!.classToken;
    expect(asm.typeName(catchType)).toBe('[mscorlib]System.InvalidOperationException');
    expect(asm.localVariables(method('TryCatchFinally')).map((t) => asm.formatType(t))).toEqual(['int32']);
  });

  it('reads a filter clause', () => {
    const [clause] = asm.methodBody(method('Filtered'))!.exceptionClauses;
    expect(clause!.kind).toBe('filter');
    expect(clause!.filterOffset).toBeGreaterThan(clause!.tryOffset);
    expect(clause!.handlerOffset).toBeGreaterThan(clause!.filterOffset);
  });

  it('reads a fat EH section for a try block longer than 255 bytes', () => {
    const body = asm.methodBody(method('LongTry'))!;
    expect(body.exceptionClauses).toHaveLength(1);
    const clause = body.exceptionClauses[0]!;
    expect(clause.fat).toBe(true);
    expect(clause.tryLength).toBeGreaterThan(255);
    expect(asm.typeName(clause.classToken)).toBe('[mscorlib]System.ArgumentException');
    expect(clause.handlerOffset + clause.handlerLength).toBeLessThanOrEqual(body.codeSize);
  });

  it('has a body exactly when the RVA is set', () => {
    // Every method of EcmaApp has a body; RVA 0 means none.
    for (let rid = 1; rid <= asm.rowCount(TableId.MethodDef); rid++) {
      expect(asm.methodBody(rid) === undefined).toBe(asm.methodDef(rid).rva === 0);
    }
    expect(makeToken(TableId.MethodDef, 1)).toBe(0x06000001);
  });
});
