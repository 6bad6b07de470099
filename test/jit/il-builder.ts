import { OP, TWO_BYTE_BASE } from '../../src/jit/il/opcodes.js';

/**
 * IL bytes from opcode names and raw operand bytes:
 * `il('ldarg.0', 'ldc.i4.s', [5], 'add', 'ret')`.
 */
export function il(...parts: (string | number | readonly number[])[]): number[] {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'number') out.push(part & 0xff);
    else if (typeof part === 'string') {
      const code = OP[part];
      if (code === undefined) throw new Error(`no opcode ${part}`);
      if (code >= TWO_BYTE_BASE) out.push(0xfe, code - TWO_BYTE_BASE);
      else out.push(code);
    } else out.push(...part.map((b) => b & 0xff));
  }
  return out;
}

/** A signed 8-bit branch displacement byte. */
export function rel8(value: number): number[] {
  return [value & 0xff];
}
