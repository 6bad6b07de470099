import { Register, type OperandSize, type VectorSize, isGpr, gprSize, registerName } from './registers.js';

/** Bytes a memory operand reads or writes. */
export type AccessSize = OperandSize | VectorSize;

/** [base + index*scale + disp], accessed with an explicit size. */
export interface BaseIndexMemory {
  readonly kind: 'mem';
  readonly size: AccessSize;
  /** 64-bit general-purpose register or Register.None. */
  readonly base: Register;
  /** 64-bit general-purpose register other than rsp, or Register.None. */
  readonly index: Register;
  readonly scale: 1 | 2 | 4 | 8;
  /** Signed 32-bit displacement. */
  readonly disp: number;
}

/**
 * [rip + rel32] addressing an absolute data address (a data constant, a static,
 * an indirection cell). The rel32 field gets a REL32 relocation carrying `tag`.
 */
export interface RipRelativeMemory<Tag> {
  readonly kind: 'rip';
  readonly size: AccessSize;
  readonly address: bigint;
  readonly tag: Tag;
}

export type Memory<Tag> = BaseIndexMemory | RipRelativeMemory<Tag>;

/** An immediate operand: a number within the signed or unsigned 32-bit range, or a bigint (only `mov r64, imm64` takes one outside it). */
export interface Immediate {
  readonly kind: 'imm';
  readonly value: number | bigint;
}

/** Immediates are wrapped because registers are numbers too. */
export function imm(value: number | bigint): Immediate {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`immediate ${value} is not an integer`);
  return { kind: 'imm', value };
}

/** [base + disp] with an explicit access size. */
export function ptr(size: AccessSize, base: Register, disp = 0): BaseIndexMemory {
  return indexed(size, base, Register.None, 1, disp);
}

/** [base + index*scale + disp]; base may be Register.None for [index*scale + disp]. */
export function indexed(size: AccessSize, base: Register, index: Register, scale: 1 | 2 | 4 | 8, disp = 0): BaseIndexMemory {
  checkAddressRegister(base, 'base');
  checkAddressRegister(index, 'index');
  if (index === Register.RSP) throw new RangeError('rsp cannot be an index register');
  if (!Number.isInteger(disp) || disp < -0x8000_0000 || disp > 0x7fff_ffff) throw new RangeError(`displacement ${disp} does not fit in 32 bits`);
  return { kind: 'mem', size, base, index, scale, disp };
}

export function bytePtr(base: Register, disp = 0): BaseIndexMemory { return ptr(1, base, disp); }
export function wordPtr(base: Register, disp = 0): BaseIndexMemory { return ptr(2, base, disp); }
export function dwordPtr(base: Register, disp = 0): BaseIndexMemory { return ptr(4, base, disp); }
export function qwordPtr(base: Register, disp = 0): BaseIndexMemory { return ptr(8, base, disp); }
export function xmmwordPtr(base: Register, disp = 0): BaseIndexMemory { return ptr(16, base, disp); }

/** rip-relative access to an absolute data address; `tag` travels into the REL32 relocation. */
export function ripRelative<Tag>(size: AccessSize, address: bigint, tag: Tag): RipRelativeMemory<Tag> {
  if (address < 0n || address > 0xffff_ffff_ffff_ffffn) throw new RangeError(`address ${address} is not a 64-bit address`);
  return { kind: 'rip', size, address, tag };
}

function checkAddressRegister(reg: Register, role: string): void {
  if (reg === Register.None) return;
  if (!isGpr(reg) || gprSize(reg) !== 8) throw new RangeError(`${role} register must be a 64-bit general-purpose register, not ${registerName(reg)}`);
}
