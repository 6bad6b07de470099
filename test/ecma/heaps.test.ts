import { describe, expect, it } from 'vitest';
import { Assembly, BlobHeap, EcmaFormatError, GuidHeap, StringHeap, UserStringHeap, TableId } from '../../src/ecma/index.js';
import { FileBytes } from '../../src/ecma/bytes.js';
import { ecmaApp } from './helpers.js';

function heapFile(content: number[]): { file: FileBytes; stream: { name: string; offset: number; size: number } } {
  // Four bytes of something else before the heap, so offsets are not file offsets.
  const bytes = new Uint8Array([0xaa, 0xbb, 0xcc, 0xdd, ...content]);
  return { file: new FileBytes(bytes, 'h.dll'), stream: { name: 'heap', offset: 4, size: content.length } };
}

describe('#Strings', () => {
  it('reads NUL-terminated UTF-8 and caches', () => {
    const { file, stream } = heapFile([0, 0x41, 0x62, 0, 0xc3, 0xa9, 0x74, 0xc3, 0xa9, 0]);
    const heap = new StringHeap(file, stream);
    expect(heap.get(0)).toBe('');
    expect(heap.get(1)).toBe('Ab');
    expect(heap.get(2)).toBe('b');
    expect(heap.get(4)).toBe('été');
    expect(heap.get(4)).toBe(heap.get(4));
  });

  it('rejects an index past the heap and an unterminated string', () => {
    const { file, stream } = heapFile([0, 0x41, 0x42]);
    const heap = new StringHeap(file, stream);
    expect(() => heap.get(0x1234)).toThrow('h.dll: #Strings index 0x1234 out of range (heap size 0x3)');
    expect(() => heap.get(1)).toThrow('h.dll: #Strings entry at 0x1 is not NUL-terminated');
  });
});

describe('#Blob', () => {
  it('reads 1-, 2- and 4-byte length prefixes', () => {
    const long = Array.from({ length: 0x90 }, (_, i) => i & 0xff);
    const { file, stream } = heapFile([0, 2, 7, 8, 0x80, 0x90, ...long]);
    const heap = new BlobHeap(file, stream);
    expect(Array.from(heap.get(0))).toEqual([]);
    expect(Array.from(heap.get(1))).toEqual([7, 8]);
    expect(heap.get(4).length).toBe(0x90);
    expect(heap.dataOffset(4)).toBe(4 + 6);
    const four = heapFile([0, 0xc0, 0, 0, 3, 1, 2, 3]);
    expect(Array.from(new BlobHeap(four.file, four.stream).get(1))).toEqual([1, 2, 3]);
  });

  it('rejects a blob running past the heap and bad prefixes', () => {
    const { file, stream } = heapFile([0, 5, 1, 2, 0xe0]);
    const heap = new BlobHeap(file, stream);
    expect(() => heap.get(1)).toThrow('h.dll: #Blob entry at 0x1 (length 5) runs past the end of the heap');
    expect(() => heap.get(4)).toThrow('h.dll: #Blob entry at 0x4 has an invalid length prefix');
    expect(() => heap.get(9)).toThrow('h.dll: #Blob index 0x9 out of range (heap size 0x5)');
  });
});

describe('#GUID and #US', () => {
  it('formats GUIDs, 1-based', () => {
    const g = [0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff];
    const { file, stream } = heapFile(g);
    const heap = new GuidHeap(file, stream);
    expect(heap.get(0)).toBeNull();
    expect(heap.get(1)).toBe('00112233-4455-6677-8899-aabbccddeeff');
    expect(() => heap.get(2)).toThrow('h.dll: #GUID index 0x2 out of range (heap size 0x10)');
  });

  it('reads UTF-16 user strings with their trailing byte', () => {
    // "hi" then "π" (U+03C0): length counts the code units' bytes plus the flag byte.
    const { file, stream } = heapFile([0, 5, 0x68, 0, 0x69, 0, 0, 3, 0xc0, 0x03, 1]);
    const heap = new UserStringHeap(file, stream);
    expect(heap.get(1)).toBe('hi');
    expect(heap.get(7)).toBe('π');
  });

  it('resolves ldstr tokens of a real assembly', () => {
    const asm = Assembly.open(ecmaApp);
    const greeting = asm.typeDefMethods(2).find((m) => asm.methodDef(m).name === 'Greeting')!;
    const body = asm.methodBody(greeting)!;
    expect(body.code[0]).toBe(0x72); // ldstr
    const token = body.code[1]! | (body.code[2]! << 8) | (body.code[3]! << 16) | (body.code[4]! << 24);
    expect(token >>> 24).toBe(0x70);
    expect(asm.userString(token)).toBe('Grüße, π');
    expect(() => asm.userString(0x06000001)).toThrow(EcmaFormatError);
    expect(asm.rowCount(TableId.TypeDef)).toBeGreaterThan(0);
  });
});
