const utf8 = new TextDecoder('utf-8');

/** Decodes UTF-8 bytes [start, end); pure ASCII (the common case) skips TextDecoder. */
export function decodeUtf8(b: Uint8Array, start: number, end: number): string {
  if (end - start < 64) {
    let s = '';
    for (let i = start; i < end; i++) {
      const c = b[i]!;
      if (c >= 0x80) return utf8.decode(b.subarray(start, end));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8.decode(b.subarray(start, end));
}

const CHUNK = 4096;

/**
 * Decodes `count` UTF-16LE code units at `start`. Lone surrogates are kept as
 * they are (user strings may hold any code unit), so no TextDecoder here.
 */
export function decodeUtf16(b: Uint8Array, start: number, count: number): string {
  let s = '';
  const units: number[] = [];
  for (let i = 0; i < count; i++) {
    units.push(b[start + 2 * i]! | (b[start + 2 * i + 1]! << 8));
    if (units.length === CHUNK) {
      s += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return units.length ? s + String.fromCharCode(...units) : s;
}
