import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Assembly, TableId, makeToken } from '../../src/ecma/index.js';
import { ecmaApp, runCli } from './helpers.js';

// Real assembly bytes, broken in one place each, fed to the built CLI: every
// case must exit 4 with exactly one stderr line `tspmi: <file>: <problem>`.

const dir = mkdtempSync(join(tmpdir(), 'tspmi-corrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const original = readFileSync(ecmaApp);
const asm = Assembly.open(ecmaApp);

function variant(name: string, mutate: (b: Buffer) => Buffer | void): string {
  const copy = Buffer.from(original);
  const result = mutate(copy) ?? copy;
  const path = join(dir, name);
  writeFileSync(path, result);
  return path;
}

function expectBadInput(path: string, problem: string | RegExp, json = false): void {
  const r = runCli(['dump-assembly', path, ...(json ? ['--json'] : [])], 30_000);
  expect(r.timedOut).toBe(false);
  expect(r.status).toBe(4);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  const prefix = `tspmi: ${path}: `;
  expect(lines[0]!.startsWith(prefix)).toBe(true);
  const rest = lines[0]!.slice(prefix.length);
  if (typeof problem === 'string') expect(rest).toBe(problem);
  else expect(rest).toMatch(problem);
}

describe('corrupt input through the CLI', () => {
  it('an empty file', () => {
    expectBadInput(variant('empty.dll', () => Buffer.alloc(0)), 'not a PE file (empty file)');
  });

  it('a text file', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'these are not the bytes you are looking for\n');
    expectBadInput(path, 'not a PE file (no MZ signature)', true);
  });

  it('a missing file and a directory', () => {
    expectBadInput(join(dir, 'absent.dll'), 'cannot read file (no such file)');
    expectBadInput(dir, 'cannot read file (is a directory)');
  });

  it('a wrong MZ signature', () => {
    expectBadInput(variant('mz.dll', (b) => void (b[1] = 0x00)), 'not a PE file (no MZ signature)');
  });

  it('a wrong PE signature', () => {
    const pe = asm.pe.peHeaderOffset;
    expectBadInput(variant('pe.dll', (b) => void (b[pe + 1] = 0x58)), `not a PE file (no PE signature at 0x${pe.toString(16)})`, true);
  });

  it('a wrong BSJB metadata signature', () => {
    const md = asm.metadataRoot.offset;
    expectBadInput(variant('bsjb.dll', (b) => void b.write('BSJX', md, 'latin1')), `bad metadata signature 0x584a5342 at 0x${md.toString(16)} (expected BSJB)`);
  });

  const cuts: [string, number][] = [
    ['inside the DOS header', 0x30],
    ['inside the COFF header', asm.pe.peHeaderOffset + 10],
    ['inside the optional header', asm.pe.peHeaderOffset + 60],
    ['inside the section table', asm.pe.sections[0]!.headerOffset + 20],
    ['inside the metadata', asm.metadataRoot.offset + 40],
    ['one byte short', original.length - 1],
  ];
  for (const [where, length] of cuts) {
    it(`a file truncated ${where}`, () => {
      expectBadInput(variant(`cut-${length}.dll`, (b) => b.subarray(0, length)), /^truncated file: .+ at 0x[0-9a-f]+ runs past end \(size \d+\)$/);
    });
  }

  it('an impossible table row count', () => {
    // Row counts follow the 24-byte header, one per present table in id order.
    const present = [...Array(TableId.MethodDef).keys()].filter((id) => asm.rowCount(id) > 0).length;
    const at = asm.tableStream.offset + 24 + 4 * present;
    expect(original.readUInt32LE(at)).toBe(asm.rowCount(TableId.MethodDef));
    expectBadInput(
      variant('rows.dll', (b) => void b.writeUInt32LE(0xffffffff, at)),
      'metadata table MethodDef has 4294967295 rows, which cannot fit in the #~ stream',
    );
  });

  it('a #Strings index out of range', () => {
    const column = asm.columnLayout('TypeDef', 'TypeName');
    expect(column.size).toBe(2);
    const at = asm.rowOffset(TableId.TypeDef, 2) + column.offset;
    expectBadInput(
      variant('strings.dll', (b) => void b.writeUInt16LE(0xfff0, at)),
      `#Strings index 0xfff0 out of range (heap size 0x${asm.strings.size.toString(16)})`,
      true,
    );
  });

  it('a method body running past the end of its section', () => {
    const uses = asm.typeDefMethods(2).find((m) => asm.methodDef(m).name === 'Uses')!;
    const body = asm.methodBody(uses)!;
    expect(body.format).toBe('fat');
    const token = makeToken(TableId.MethodDef, uses).toString(16).padStart(8, '0');
    expectBadInput(
      variant('body.dll', (b) => void b.writeUInt32LE(0x7fffffff, body.offset + 4)),
      `method body of MethodDef 0x${token} at RVA 0x${body.rva.toString(16)} runs past the end of its section`,
    );
  });

  it('a metadata stream past the end of the metadata', () => {
    // The first stream header follows the version string and the flags/count words.
    const versionLength = original.readUInt32LE(asm.metadataRoot.offset + 12);
    const firstStream = asm.metadataRoot.offset + 16 + versionLength + 4;
    expectBadInput(
      variant('stream.dll', (b) => void b.writeUInt32LE(0x10000000, firstStream + 4)),
      /^metadata stream #~ \(offset 0x[0-9a-f]+, size 0x10000000\) runs past the end of the metadata \(size 0x[0-9a-f]+\)$/,
    );
  });

  it('a CLI header outside every section', () => {
    const dirOffset = asm.pe.peHeaderOffset + 24 + 96 + 14 * 8;
    expect(original.readUInt32LE(dirOffset)).toBe(asm.pe.dataDirectory(14).rva);
    expectBadInput(variant('cli.dll', (b) => void b.writeUInt32LE(0x7fff0000, dirOffset)), 'CLI header at RVA 0x7fff0000 is not inside any section');
  });
});
