/**
 * FNV-1a, 64-bit, over the UTF-8 bytes of an identity string. Handles and
 * addresses are placed by this hash, so it must never change: a different
 * hash would renumber every handle in every recording.
 *
 * The 64-bit state is kept as two 32-bit halves in plain numbers; BigInt
 * arithmetic per byte would dominate handle creation.
 */

const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
/** The FNV-1a 64 prime is 2^40 + 0x1b3. */
const PRIME_LO = 0x1b3;

export function fnv1a64(text: string): bigint {
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  const step = (byte: number): void => {
    lo = (lo ^ byte) >>> 0;
    // (hi:lo) * (2^40 + 0x1b3) mod 2^64
    const loProduct = lo * PRIME_LO;
    const carry = Math.floor(loProduct / 0x1_0000_0000);
    const newLo = loProduct >>> 0;
    const newHi = (Math.imul(hi, PRIME_LO) + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = newLo;
    hi = newHi;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      step(c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x800) {
      step(0xc0 | (c >> 6));
      step(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      step(0xe0 | (c >> 12));
      step(0x80 | ((c >> 6) & 0x3f));
      step(0x80 | (c & 0x3f));
    } else {
      step(0xf0 | (c >> 18));
      step(0x80 | ((c >> 12) & 0x3f));
      step(0x80 | ((c >> 6) & 0x3f));
      step(0x80 | (c & 0x3f));
    }
  }
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** FNV-1a 32-bit (for getMethodHash). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
    const high = text.charCodeAt(i) >> 8;
    if (high !== 0) {
      h ^= high;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h >>> 0;
}
