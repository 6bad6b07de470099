import { readI32, readU16, readU32, readI64, readU64 } from './bytes.js';
import { decodeUtf16 } from './metadata/heap-text.js';
import { ElementType as E } from './signatures/element-type.js';

export type ConstantValue = boolean | number | bigint | string | null;

/**
 * Decodes a Constant row's value blob (II.22.9) by its element type; returns
 * undefined when the blob is too short for the type or the type is not one a
 * constant can have.
 */
export function decodeConstant(type: number, b: Uint8Array): ConstantValue | undefined {
  const need = (n: number) => b.length >= n;
  switch (type) {
    case E.Boolean:
      return need(1) ? b[0] !== 0 : undefined;
    case E.I1:
      return need(1) ? (b[0]! << 24) >> 24 : undefined;
    case E.U1:
      return need(1) ? b[0]! : undefined;
    case E.Char:
    case E.U2:
      return need(2) ? readU16(b, 0) : undefined;
    case E.I2:
      return need(2) ? (readU16(b, 0) << 16) >> 16 : undefined;
    case E.I4:
      return need(4) ? readI32(b, 0) : undefined;
    case E.U4:
      return need(4) ? readU32(b, 0) : undefined;
    case E.I8:
      return need(8) ? readI64(b, 0) : undefined;
    case E.U8:
      return need(8) ? readU64(b, 0) : undefined;
    case E.R4:
    case E.R8: {
      const size = type === E.R4 ? 4 : 8;
      if (!need(size)) return undefined;
      const view = new DataView(new ArrayBuffer(size));
      for (let i = 0; i < size; i++) view.setUint8(i, b[i]!);
      return size === 4 ? view.getFloat32(0, true) : view.getFloat64(0, true);
    }
    case E.String:
      return decodeUtf16(b, 0, b.length >>> 1);
    case E.Class:
      // The null reference: a 4-byte zero.
      return null;
  }
  return undefined;
}
