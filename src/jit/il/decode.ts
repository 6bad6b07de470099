import { OPCODES, OperandKind, TWO_BYTE_BASE, TWO_BYTE_PREFIX, opcodeName } from './opcodes.js';
import { ILFormatError } from './il-error.js';

/** Prefix bits of a decoded instruction (prefixes are folded into the instruction they modify). */
export const Prefix = {
  Unaligned: 0x01,
  Volatile: 0x02,
  Tail: 0x04,
  Constrained: 0x08,
  No: 0x10,
  Readonly: 0x20,
} as const;

const PREFIX_BIT_BY_OPCODE: ReadonlyMap<number, number> = new Map([
  [TWO_BYTE_BASE + 0x12, Prefix.Unaligned],
  [TWO_BYTE_BASE + 0x13, Prefix.Volatile],
  [TWO_BYTE_BASE + 0x14, Prefix.Tail],
  [TWO_BYTE_BASE + 0x16, Prefix.Constrained],
  [TWO_BYTE_BASE + 0x19, Prefix.No],
  [TWO_BYTE_BASE + 0x1e, Prefix.Readonly],
]);

/** One IL instruction with its prefixes. */
export interface ILInstruction {
  /** IL offset of the instruction, or of its first prefix when it has any (branches target this). */
  readonly offset: number;
  /** Opcode number (two-byte opcodes are 0x100 + second byte). */
  readonly opcode: number;
  /** Offset of the next instruction. */
  readonly next: number;
  /** Integer operand: token, variable index, constant, branch target offset (absolute). */
  readonly operand: number;
  /** ldc.i8's operand. */
  readonly operand64: bigint;
  /** ldc.r4/ldc.r8's operand. */
  readonly operandFloat: number;
  /** switch: absolute target offsets. */
  readonly targets: readonly number[] | undefined;
  /** Prefix bits. */
  readonly prefixes: number;
  /** The constrained. prefix's token (0 if none). */
  readonly constrainedToken: number;
  /** The unaligned. prefix's alignment, or the no. prefix's flags. */
  readonly prefixOperand: number;
}

const EMPTY_TARGETS: readonly number[] = Object.freeze([]);

/**
 * Decodes a method's IL into instructions. Throws ILFormatError for a byte
 * sequence that is not valid IL (unknown opcode, operand running past the end,
 * branch outside the method, dangling prefix).
 */
export function decodeIL(il: Uint8Array): ILInstruction[] {
  const view = new DataView(il.buffer, il.byteOffset, il.byteLength);
  const out: ILInstruction[] = [];
  let pos = 0;
  const need = (bytes: number, at: number): void => {
    if (at + bytes > il.length) throw new ILFormatError(`IL_${hex4(at)}: operand runs past the end of the IL`);
  };
  while (pos < il.length) {
    const start = pos;
    let prefixes = 0;
    let constrainedToken = 0;
    let prefixOperand = 0;
    for (;;) {
      let opcode = il[pos]!;
      const opStart = pos;
      pos++;
      if (opcode === TWO_BYTE_PREFIX) {
        need(1, pos);
        opcode = TWO_BYTE_BASE + il[pos]!;
        pos++;
      }
      const info = OPCODES[opcode];
      if (info === undefined) throw new ILFormatError(`IL_${hex4(opStart)}: unknown opcode ${opcodeName(opcode)}`);
      const prefixBit = PREFIX_BIT_BY_OPCODE.get(opcode);
      if (prefixBit !== undefined) {
        prefixes |= prefixBit;
        if (info.operand === OperandKind.Token) {
          need(4, pos);
          constrainedToken = view.getUint32(pos, true);
          pos += 4;
        } else if (info.operand === OperandKind.UInt8) {
          need(1, pos);
          prefixOperand = il[pos]!;
          pos++;
        }
        if (pos >= il.length) throw new ILFormatError(`IL_${hex4(opStart)}: prefix ${info.name} at the end of the IL`);
        continue;
      }
      let operand = 0;
      let operand64 = 0n;
      let operandFloat = 0;
      let targets: readonly number[] | undefined;
      switch (info.operand) {
        case OperandKind.None: break;
        case OperandKind.Int8: need(1, pos); operand = view.getInt8(pos); pos += 1; break;
        case OperandKind.UInt8: need(1, pos); operand = il[pos]!; pos += 1; break;
        case OperandKind.UInt16: need(2, pos); operand = view.getUint16(pos, true); pos += 2; break;
        case OperandKind.Int32: need(4, pos); operand = view.getInt32(pos, true); pos += 4; break;
        case OperandKind.Token: need(4, pos); operand = view.getUint32(pos, true); pos += 4; break;
        case OperandKind.Int64: need(8, pos); operand64 = view.getBigInt64(pos, true); pos += 8; break;
        case OperandKind.Float32: need(4, pos); operandFloat = view.getFloat32(pos, true); pos += 4; break;
        case OperandKind.Float64: need(8, pos); operandFloat = view.getFloat64(pos, true); pos += 8; break;
        case OperandKind.ShortBranch: need(1, pos); operand = pos + 1 + view.getInt8(pos); pos += 1; break;
        case OperandKind.Branch: need(4, pos); operand = pos + 4 + view.getInt32(pos, true); pos += 4; break;
        case OperandKind.Switch: {
          need(4, pos);
          const count = view.getUint32(pos, true);
          pos += 4;
          if (count > (il.length - pos) / 4) throw new ILFormatError(`IL_${hex4(opStart)}: switch table runs past the end of the IL`);
          const end = pos + 4 * count;
          const list: number[] = new Array(count);
          for (let i = 0; i < count; i++) list[i] = end + view.getInt32(pos + 4 * i, true);
          pos = end;
          targets = list;
          operand = count;
          break;
        }
      }
      if (info.operand === OperandKind.ShortBranch || info.operand === OperandKind.Branch) {
        if (operand < 0 || operand >= il.length) throw new ILFormatError(`IL_${hex4(opStart)}: ${info.name} to IL_${hex4(operand)} leaves the method`);
      }
      if (targets !== undefined) {
        for (const t of targets) if (t < 0 || t >= il.length) throw new ILFormatError(`IL_${hex4(opStart)}: switch target IL_${hex4(t)} leaves the method`);
      }
      out.push({
        offset: start, opcode, next: pos, operand, operand64, operandFloat,
        targets: targets ?? (info.operand === OperandKind.Switch ? EMPTY_TARGETS : undefined),
        prefixes, constrainedToken, prefixOperand,
      });
      break;
    }
  }
  return out;
}

export function hex4(offset: number): string {
  return offset.toString(16).toUpperCase().padStart(4, '0');
}
