import { Register } from './registers.js';

/**
 * The Windows x64 calling convention, the one CoreCLR uses on Windows and the
 * one this backend's frames follow (README.md explains the choice).
 *
 * Argument positions are shared between the integer and float registers: the
 * third argument goes in r8 if it is an integer and in xmm2 if it is a float,
 * whatever the first two were.
 */
export const WIN64 = {
  intArgumentRegisters: [Register.RCX, Register.RDX, Register.R8, Register.R9] as const,
  floatArgumentRegisters: [Register.XMM0, Register.XMM1, Register.XMM2, Register.XMM3] as const,
  intReturnRegister: Register.RAX,
  floatReturnRegister: Register.XMM0,
  /** Home space the caller reserves for the four register arguments, just above the return address. */
  shadowSpaceBytes: 32,
  /** rsp is a multiple of this at every call instruction (so entry rsp is 8 mod 16). */
  stackAlignment: 16,
  stackSlotBytes: 8,
  calleeSavedGprs: [
    Register.RBX, Register.RBP, Register.RDI, Register.RSI,
    Register.R12, Register.R13, Register.R14, Register.R15,
  ] as const,
  calleeSavedXmms: [
    Register.XMM6, Register.XMM7, Register.XMM8, Register.XMM9, Register.XMM10,
    Register.XMM11, Register.XMM12, Register.XMM13, Register.XMM14, Register.XMM15,
  ] as const,
  volatileGprs: [
    Register.RAX, Register.RCX, Register.RDX, Register.R8, Register.R9, Register.R10, Register.R11,
  ] as const,
} as const;

/** Where the caller puts argument `index` (0-based, counting `this` and hidden arguments). */
export type ArgumentLocation =
  | { readonly kind: 'register'; readonly register: Register }
  /** At [rsp + rspOffset] at the call instruction; the first four slots are the shadow space. */
  | { readonly kind: 'stack'; readonly rspOffset: number };

export function argumentLocation(index: number, isFloat: boolean): ArgumentLocation {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`bad argument index ${index}`);
  if (index < 4) {
    const regs = isFloat ? WIN64.floatArgumentRegisters : WIN64.intArgumentRegisters;
    return { kind: 'register', register: regs[index]! };
  }
  return { kind: 'stack', rspOffset: index * WIN64.stackSlotBytes };
}

/** Bytes of outgoing argument area a call with `argumentCount` arguments needs (never less than the shadow space). */
export function outgoingArgumentBytes(argumentCount: number): number {
  return Math.max(WIN64.shadowSpaceBytes, argumentCount * WIN64.stackSlotBytes);
}

export function isCalleeSaved(reg: Register): boolean {
  return (WIN64.calleeSavedGprs as readonly Register[]).includes(reg)
    || (WIN64.calleeSavedXmms as readonly Register[]).includes(reg);
}
