import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Assembly, EcmaFormatError, TableId, makeToken } from '../../src/ecma/index.js';
import { ecmaApp } from './helpers.js';
import { Heaps, buildAssemblyImage, type SyntheticRows } from './synthetic.js';

function rows(n: number, make: (i: number) => Record<string, number> = () => ({})): Record<string, number>[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

function open(tables: SyntheticRows, heaps = new Heaps(), options: Parameters<typeof buildAssemblyImage>[2] = {}): Assembly {
  const withModule: SyntheticRows = { Module: [{ Name: heaps.string('t.dll') }], ...tables };
  return Assembly.fromBytes(buildAssemblyImage(withModule, heaps, options).bytes, 't.dll');
}

function width(asm: Assembly, table: number, column: string): number {
  const t = asm.table(table);
  return t.columns[t.columnIndex(column)]!.size;
}

describe('column widths (II.24.2.6)', () => {
  it('coded index TypeDefOrRef grows to 4 bytes at 2^14 rows', () => {
    expect(width(open({ TypeDef: rows(0x3fff) }), TableId.TypeDef, 'Extends')).toBe(2);
    expect(width(open({ TypeDef: rows(0x4000) }), TableId.TypeDef, 'Extends')).toBe(4);
    // The same count in TypeRef, another table of the coded index, counts too.
    expect(width(open({ TypeRef: rows(0x4000) }), TableId.InterfaceImpl, 'Interface')).toBe(4);
  });

  it('coded index HasCustomAttribute (5 tag bits) grows at 2^11 rows', () => {
    expect(width(open({ MethodDef: rows(0x7ff) }), TableId.CustomAttribute, 'Parent')).toBe(2);
    expect(width(open({ MethodDef: rows(0x800) }), TableId.CustomAttribute, 'Parent')).toBe(4);
  });

  it('simple table index grows to 4 bytes at 2^16 rows', () => {
    expect(width(open({ Field: rows(0xffff) }), TableId.TypeDef, 'FieldList')).toBe(2);
    expect(width(open({ Field: rows(0x10000) }), TableId.TypeDef, 'FieldList')).toBe(4);
  });

  it('HeapSizes bits select 4-byte #Strings, #GUID and #Blob indexes', () => {
    const small = open({});
    expect([width(small, TableId.Module, 'Name'), width(small, TableId.Module, 'Mvid'), width(small, TableId.Field, 'Signature')]).toEqual([2, 2, 2]);
    const large = open({}, new Heaps(), { heapSizes: 0x07 });
    expect([width(large, TableId.Module, 'Name'), width(large, TableId.Module, 'Mvid'), width(large, TableId.Field, 'Signature')]).toEqual([4, 4, 4]);
    expect(large.module().name).toBe('t.dll');
  });

  it('a #JTD stream makes every index 4 bytes wide', () => {
    const asm = open({ TypeDef: rows(1, () => ({ FieldList: 1, MethodList: 1 })) }, new Heaps(), { streamName: '#-', jtd: true });
    expect(width(asm, TableId.TypeDef, 'Extends')).toBe(4);
    expect(width(asm, TableId.TypeDef, 'FieldList')).toBe(4);
    expect(width(asm, TableId.Module, 'Name')).toBe(4);
    expect(asm.module().name).toBe('t.dll');
  });

  it('skips the 4 bytes of extra data after the row counts', () => {
    const heaps = new Heaps();
    const asm = open({ TypeDef: [{ TypeName: heaps.string('Thing'), TypeNamespace: heaps.string('N'), FieldList: 1, MethodList: 1 }] }, heaps, {
      extraData: true,
    });
    expect(asm.typeDefFullName(1)).toBe('N.Thing');
  });
});

describe('row and column offsets', () => {
  it('the file offset of a row plus the column offset addresses the column bytes', () => {
    const asm = Assembly.open(ecmaApp);
    const bytes = readFileSync(ecmaApp);
    const implFlags = asm.columnLayout('MethodDef', 'ImplFlags');
    const rva = asm.columnLayout('MethodDef', 'RVA');
    expect(implFlags).toEqual({ offset: 4, size: 2 });
    for (let rid = 1; rid <= asm.rowCount(TableId.MethodDef); rid++) {
      const row = asm.rowOffset(TableId.MethodDef, rid);
      expect(bytes.readUInt16LE(row + implFlags.offset)).toBe(asm.methodDef(rid).implFlags);
      expect(bytes.readUInt32LE(row + rva.offset)).toBe(asm.methodDef(rid).rva);
    }
    const t = asm.table(TableId.MethodDef);
    expect(asm.rowOffset(TableId.MethodDef, 2) - asm.rowOffset(TableId.MethodDef, 1)).toBe(t.rowSize);
  });

  it('raw rows carry every schema column', () => {
    const asm = Assembly.open(ecmaApp);
    const row = asm.row('TypeDef', 2);
    expect(asm.strings.get(row.TypeName)).toBe('Program');
    expect(asm.strings.get(row.TypeNamespace)).toBe('Ecma.App');
    expect(row.rid).toBe(2);
    expect(Object.keys(row).sort()).toEqual(['Extends', 'FieldList', 'Flags', 'MethodList', 'TypeName', 'TypeNamespace', 'rid']);
  });
});

describe('uncompressed #- streams and *Ptr tables', () => {
  function ptrAssembly(): Assembly {
    const h = new Heaps();
    const methodSig = h.blob([0x00, 0x00, 0x01]); // static void ()
    const fieldSig = h.blob([0x06, 0x08]); // int32
    return open(
      {
        TypeDef: [
          { TypeName: h.string('<Module>'), FieldList: 1, MethodList: 1 },
          { TypeName: h.string('A'), FieldList: 1, MethodList: 1 },
          { TypeName: h.string('B'), FieldList: 3, MethodList: 3 },
        ],
        // Physical order differs from logical order: the Ptr tables give the latter.
        FieldPtr: [{ Field: 3 }, { Field: 1 }, { Field: 2 }],
        Field: [{ Name: h.string('f1'), Signature: fieldSig }, { Name: h.string('f2'), Signature: fieldSig }, { Name: h.string('f3'), Signature: fieldSig }],
        MethodPtr: [{ Method: 2 }, { Method: 3 }, { Method: 1 }],
        MethodDef: [
          { Name: h.string('m1'), Signature: methodSig, ParamList: 1 },
          { Name: h.string('m2'), Signature: methodSig, ParamList: 1 },
          { Name: h.string('m3'), Signature: methodSig, ParamList: 1 },
        ],
        PropertyMap: [{ Parent: 3, PropertyList: 1 }],
        PropertyPtr: [{ Property: 2 }, { Property: 1 }],
        Property: [{ Name: h.string('p1'), Type: h.blob([0x28, 0x00, 0x08]) }, { Name: h.string('p2'), Type: h.blob([0x28, 0x00, 0x08]) }],
        EventMap: [{ Parent: 2, EventList: 1 }],
        EventPtr: [{ Event: 1 }],
        Event: [{ Name: h.string('e1') }],
      },
      h,
      { streamName: '#-' },
    );
  }

  it('member lists go through FieldPtr, MethodPtr, PropertyPtr and EventPtr', () => {
    const asm = ptrAssembly();
    expect(asm.tableStream.uncompressed).toBe(true);
    const names = (rids: number[], get: (r: number) => { name: string }) => rids.map((r) => get.call(asm, r).name);
    expect(names(asm.typeDefFields(2), asm.field)).toEqual(['f3', 'f1']);
    expect(names(asm.typeDefFields(3), asm.field)).toEqual(['f2']);
    expect(names(asm.typeDefMethods(2), asm.methodDef)).toEqual(['m2', 'm3']);
    expect(names(asm.typeDefMethods(3), asm.methodDef)).toEqual(['m1']);
    expect(names(asm.typeDefProperties(3), asm.property)).toEqual(['p2', 'p1']);
    expect(names(asm.typeDefEvents(2), asm.event)).toEqual(['e1']);
    expect(asm.declaringTypeOfMethod(1)).toBe(3);
    expect(asm.declaringTypeOfMethod(2)).toBe(2);
    expect(asm.declaringTypeOfField(2)).toBe(3);
  });
});

describe('table stream errors', () => {
  it('rejects a row count that cannot fit in the stream', () => {
    const h = new Heaps();
    const { bytes } = buildAssemblyImage({ Module: [{ Name: h.string('t.dll') }] }, h, { rowCountOverrides: { MethodDef: 0xffffffff } });
    expect(() => Assembly.fromBytes(bytes, 't.dll')).toThrow('t.dll: metadata table MethodDef has 4294967295 rows, which cannot fit in the #~ stream');
  });

  it('rejects an invalid coded index tag when the column is read', () => {
    const h = new Heaps();
    // CustomAttributeType tag 0 is unused by the spec.
    const { bytes } = buildAssemblyImage({ Module: [{ Name: h.string('t.dll') }], CustomAttribute: [{ Parent: makeToken(TableId.Module, 1) }] }, h);
    const asm = Assembly.fromBytes(bytes, 't.dll');
    expect(() => asm.customAttribute(1)).toThrow(/t\.dll: CustomAttribute 0x0c000001 column Type has invalid coded index 0x0 \(tag 0\)/);
  });

  it('rejects a member list that starts past the end of its table', () => {
    const h = new Heaps();
    const asm = open({ TypeDef: [{ TypeName: h.string('A'), FieldList: 9, MethodList: 1 }] }, h);
    expect(() => asm.typeDefFields(1)).toThrow('t.dll: TypeDef 0x02000001 FieldList 0x9 out of range (Field has 0 rows)');
  });

  it('every error is an EcmaFormatError', () => {
    const asm = open({});
    expect(() => asm.methodDef(1)).toThrow(EcmaFormatError);
  });
});
