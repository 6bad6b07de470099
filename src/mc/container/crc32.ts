import * as zlib from 'node:zlib';

/**
 * CRC-32 (IEEE 802.3, the zlib/PNG polynomial). Node ≥ 20.15 ships a native
 * implementation (several GB/s); the table version only keeps older runtimes
 * working, at a fraction of the speed.
 */
export type Crc32 = (data: Uint8Array, previous?: number) => number;

function tableCrc32(): Crc32 {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return (data, previous = 0) => {
    let crc = ~previous >>> 0;
    for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
    return ~crc >>> 0;
  };
}

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

export const crc32: Crc32 =
  typeof nativeCrc32 === 'function' ? (data, previous = 0) => nativeCrc32(data, previous) : tableCrc32();

/** Exposed so tests can check the native and portable versions agree. */
export const portableCrc32: Crc32 = tableCrc32();
