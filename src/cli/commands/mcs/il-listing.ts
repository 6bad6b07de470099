/**
 * IL bytes → ILDasm-like lines (`IL_0004  ldarg.1`, `IL_0009  call 0x0a00000c`,
 * `IL_0010  brtrue.s IL_0020`). Prefixes print as their own lines, as ILDasm
 * prints them. Unlike the JIT's decoder this never throws: bytes that are not
 * IL end the listing with a line saying what is wrong, because a dump must
 * show whatever a damaged or unusual body contains.
 */

import { OPCODES, OperandKind, TWO_BYTE_BASE, TWO_BYTE_PREFIX } from '../../../jit/il/opcodes.js';

export interface ILListing {
  readonly lines: string[];
  readonly instructions: number;
  /** Set when the bytes stop being IL. */
  readonly error?: string;
}

const label = (offset: number): string => `IL_${offset.toString(16).padStart(4, '0')}`;
const hex32 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

function operandSize(kind: OperandKind): number {
  switch (kind) {
    case OperandKind.None: return 0;
    case OperandKind.Int8: case OperandKind.UInt8: case OperandKind.ShortBranch: return 1;
    case OperandKind.UInt16: return 2;
    case OperandKind.Int32: case OperandKind.Float32: case OperandKind.Token: case OperandKind.Branch: case OperandKind.Switch: return 4;
    case OperandKind.Int64: case OperandKind.Float64: return 8;
  }
}

function formatFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

export function listIL(il: Uint8Array): ILListing {
  const view = new DataView(il.buffer, il.byteOffset, il.byteLength);
  const lines: string[] = [];
  let instructions = 0;
  let pos = 0;
  const stop = (why: string): ILListing => {
    lines.push(`${label(pos)}  <${why}>`);
    return { lines, instructions, error: `${label(pos)}: ${why}` };
  };
  while (pos < il.length) {
    const start = pos;
    let code = il[pos]!;
    let opcodeBytes = 1;
    if (code === TWO_BYTE_PREFIX) {
      if (pos + 1 >= il.length) return stop('0xFE at the end of the IL');
      code = TWO_BYTE_BASE + il[pos + 1]!;
      opcodeBytes = 2;
    }
    const info = OPCODES[code];
    if (info === undefined) return stop(`unknown opcode ${code >= TWO_BYTE_BASE ? `0xFE 0x${(code - TWO_BYTE_BASE).toString(16)}` : `0x${code.toString(16)}`}`);
    const at = start + opcodeBytes;
    if (at + operandSize(info.operand) > il.length) return stop(`${info.name}: operand runs past the end of the IL`);
    let text: string;
    let next = at + operandSize(info.operand);
    switch (info.operand) {
      case OperandKind.None: text = info.name; break;
      case OperandKind.Int8: text = `${info.name} ${view.getInt8(at)}`; break;
      case OperandKind.UInt8: text = `${info.name} ${view.getUint8(at)}`; break;
      case OperandKind.UInt16: text = `${info.name} ${view.getUint16(at, true)}`; break;
      case OperandKind.Int32: text = `${info.name} ${view.getInt32(at, true)}`; break;
      case OperandKind.Int64: text = `${info.name} ${view.getBigInt64(at, true)}`; break;
      case OperandKind.Float32: text = `${info.name} ${formatFloat(view.getFloat32(at, true))}`; break;
      case OperandKind.Float64: text = `${info.name} ${formatFloat(view.getFloat64(at, true))}`; break;
      case OperandKind.Token: text = `${info.name} ${hex32(view.getUint32(at, true))}`; break;
      case OperandKind.ShortBranch: text = `${info.name} ${label(next + view.getInt8(at))}`; break;
      case OperandKind.Branch: text = `${info.name} ${label(next + view.getInt32(at, true))}`; break;
      case OperandKind.Switch: {
        const count = view.getUint32(at, true);
        if (count > (il.length - next) / 4) return stop(`switch table of ${count} entries runs past the end of the IL`);
        const end = next + 4 * count;
        const targets: string[] = [];
        for (let i = 0; i < count; i++) targets.push(label(end + view.getInt32(next + 4 * i, true)));
        text = `${info.name} (${targets.join(', ')})`;
        next = end;
        break;
      }
    }
    lines.push(`${label(start)}  ${text}`);
    instructions++;
    pos = next;
  }
  return { lines, instructions };
}
