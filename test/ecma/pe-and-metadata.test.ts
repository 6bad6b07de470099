import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Assembly, CliHeaderFlags, EcmaFormatError, PeImage, TableId, makeToken } from '../../src/ecma/index.js';
import { FileBytes } from '../../src/ecma/bytes.js';
import { ecmaApp, ecmaLib } from './helpers.js';
import { Heaps, SYNTHETIC_SECTION_RVA, buildAssemblyImage, buildPe } from './synthetic.js';

describe('PE and CLI headers', () => {
  it('reads the headers of an mcs-built PE32 assembly', () => {
    const asm = Assembly.open(ecmaApp);
    expect(asm.pe.optional.isPe32Plus).toBe(false);
    expect(asm.pe.optional.magic).toBe(0x10b);
    expect(asm.pe.coff.machine).toBe(0x14c);
    expect(asm.pe.sections.map((s) => s.name)).toContain('.text');
    expect(asm.cliHeader.cb).toBe(72);
    expect(asm.cliHeader.flags & CliHeaderFlags.ILOnly).toBe(CliHeaderFlags.ILOnly);
    expect(asm.metadataRoot.version).toMatch(/^v4\.0/);
    expect(asm.metadataRoot.streams.map((s) => s.name)).toEqual(expect.arrayContaining(['#~', '#Strings', '#US', '#Blob', '#GUID']));
  });

  it('maps RVAs to file offsets through the section table', () => {
    const asm = Assembly.open(ecmaApp);
    const text = asm.pe.sections.find((s) => s.name === '.text')!;
    expect(asm.pe.tryRvaToOffset(text.virtualAddress + 16)).toBe(text.pointerToRawData + 16);
    expect(asm.pe.tryRvaToOffset(0x10)).toBe(-1);
    expect(() => asm.pe.rvaToOffset(text.virtualAddress + text.fileBackedSize - 2, 4, 'thing')).toThrow(/thing at RVA 0x[0-9a-f]+ runs past the end of its section/);
  });

  it('reads a PE32+ image with a 64-bit image base', () => {
    const pe = new PeImage(new FileBytes(buildPe(new Uint8Array(64), { pe32Plus: true }), 'x64.dll'));
    expect(pe.optional.isPe32Plus).toBe(true);
    expect(pe.optional.imageBase).toBe(0x180000000n);
    expect(pe.sections[0]!.virtualAddress).toBe(SYNTHETIC_SECTION_RVA);
    expect(pe.tryRvaToOffset(SYNTHETIC_SECTION_RVA + 5)).toBe(0x205);
  });

  it('reads a synthetic PE32+ assembly end to end', () => {
    const heaps = new Heaps();
    const { bytes } = buildAssemblyImage(
      { Module: [{ Name: heaps.string('m.dll') }], TypeDef: [{ TypeName: heaps.string('<Module>'), FieldList: 1, MethodList: 1 }] },
      heaps,
      { pe32Plus: true },
    );
    const asm = Assembly.fromBytes(bytes, 'm.dll');
    expect(asm.module().name).toBe('m.dll');
    expect(asm.name).toBe('m');
    expect(asm.typeDef(1).name).toBe('<Module>');
  });

  it('rejects a PE without a CLI header', () => {
    expect(() => Assembly.fromBytes(buildPe(new Uint8Array(16)), 'native.dll')).toThrow('native.dll: not a .NET assembly (no CLI header)');
  });
});

describe('metadata identity rows', () => {
  it('reads Module, Assembly and AssemblyRef rows', () => {
    const asm = Assembly.open(ecmaApp);
    expect(asm.module().name).toBe('EcmaApp.dll');
    expect(asm.module().mvid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(asm.assemblyIdentity()!.name).toBe('EcmaApp');
    const refs = Array.from({ length: asm.rowCount(TableId.AssemblyRef) }, (_, i) => asm.assemblyRef(i + 1));
    expect(refs.map((r) => r.name).sort()).toEqual(['EcmaFacade', 'EcmaLib', 'mscorlib']);
    const mscorlib = refs.find((r) => r.name === 'mscorlib')!;
    expect(mscorlib.version.major).toBe(4);
    expect(Array.from(mscorlib.publicKeyOrToken)).toEqual([0xb7, 0x7a, 0x5c, 0x56, 0x19, 0x34, 0xe0, 0x89]);
  });

  it('accepts an image held in memory and names it in errors', () => {
    const bytes = readFileSync(ecmaLib);
    const asm = Assembly.fromBytes(bytes, 'in-memory.dll');
    expect(asm.path).toBe('in-memory.dll');
    try {
      asm.typeDef(asm.rowCount(TableId.TypeDef) + 1);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(EcmaFormatError);
      expect((err as Error).message).toBe(
        `in-memory.dll: token 0x${makeToken(TableId.TypeDef, asm.rowCount(TableId.TypeDef) + 1).toString(16).padStart(8, '0')} out of range (TypeDef has ${asm.rowCount(TableId.TypeDef)} rows)`,
      );
    }
  });

  it('a missing file is an input error naming it', () => {
    expect(() => Assembly.open('/nonexistent/dir/x.dll')).toThrow('/nonexistent/dir/x.dll: cannot read file (no such file)');
  });
});
