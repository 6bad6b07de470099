import type { EmittedProlog } from './frame.js';
import { registerNumber } from './registers.js';

/**
 * Windows x64 unwind data (UNWIND_INFO) for a prolog, as plain data and as
 * the bytes the OS unwinder reads:
 *
 *     byte 0   version (3 bits, = 1) | flags (5 bits) << 3
 *     byte 1   size of prolog
 *     byte 2   count of 16-bit code slots
 *     byte 3   frame register (4 bits) | scaled frame offset (4 bits) << 4
 *     codes    16-bit slots, last prolog operation first; each code is
 *              [offset of the end of its instruction, op (4 bits) | info (4 bits) << 4]
 *              plus 1 or 2 extra slots for large operands
 *     padding  one zero slot if the count is odd
 *
 * No exception-handler or chained data follows: the runtime adds those.
 */

export const UNWIND_OPERATIONS = {
  PUSH_NONVOL: 0,
  ALLOC_LARGE: 1,
  ALLOC_SMALL: 2,
  SET_FPREG: 3,
  SAVE_NONVOL: 4,
  SAVE_NONVOL_FAR: 5,
  SAVE_XMM128: 8,
  SAVE_XMM128_FAR: 9,
  PUSH_MACHFRAME: 10,
} as const;

export type UnwindOperation = keyof typeof UNWIND_OPERATIONS;

export interface UnwindCode {
  /** Prolog offset just past the instruction this code describes. */
  readonly codeOffset: number;
  readonly operation: UnwindOperation;
  /** The 4-bit operation info as encoded. */
  readonly opInfo: number;
  /** PUSH_NONVOL, SAVE_*: hardware number of the saved register (rbp = 5, xmm6 = 6). */
  readonly registerNumber?: number;
  /** ALLOC_*: bytes subtracted from rsp. */
  readonly allocationSize?: number;
  /** SAVE_*: rsp-relative offset of the save slot. */
  readonly stackOffset?: number;
  /** 16-bit slots the code occupies (1–3). */
  readonly slotCount: number;
}

export interface UnwindInfo {
  readonly version: number;
  readonly flags: number;
  readonly sizeOfProlog: number;
  /** Number of 16-bit code slots in use (not counting the alignment slot). */
  readonly countOfCodes: number;
  /** Hardware number of the frame register (5 = rbp), 0 if none. */
  readonly frameRegister: number;
  /** Frame register offset from rsp, in bytes (stored scaled by 16). */
  readonly frameOffset: number;
  /** In UNWIND_INFO order: the last prolog operation first. */
  readonly codes: readonly UnwindCode[];
  readonly bytes: Uint8Array;
}

const UNWIND_VERSION = 1;
const MAX_ALLOC_SMALL = 128;
const MAX_ALLOC_LARGE_SCALED = 0xffff * 8;
const RBP_NUMBER = 5;

/** Builds the unwind info of an emitted prolog, given the method's instruction offsets (EmitResult.instructionOffsets). */
export function buildUnwindInfo(prolog: EmittedProlog, instructionOffsets: ArrayLike<number>): UnwindInfo {
  const absoluteOffset = (position: number): number => {
    const offset = instructionOffsets[position];
    if (offset === undefined) throw new RangeError(`prolog position ${position} is outside the method`);
    return offset;
  };
  const start = absoluteOffset(prolog.startPosition);
  // Unwind offsets count from the start of the function the prolog opens.
  const offsetOf = (position: number): number => absoluteOffset(position) - start;
  const sizeOfProlog = offsetOf(prolog.endPosition);
  if (sizeOfProlog > 255) throw new RangeError(`prolog of ${sizeOfProlog} bytes is too long for UNWIND_INFO`);
  let frameOffset = 0;
  let frameRegister = 0;
  const codes: UnwindCode[] = [];
  for (const step of prolog.steps) {
    const codeOffset = offsetOf(step.endPosition);
    switch (step.kind) {
      case 'push':
        codes.push(code(codeOffset, 'PUSH_NONVOL', registerNumber(step.register), 1, { registerNumber: registerNumber(step.register) }));
        break;
      case 'allocate':
        codes.push(allocationCode(codeOffset, step.size));
        break;
      case 'saveXmm': {
        const xmm = registerNumber(step.register);
        if (step.rspOffset % 16 !== 0) throw new RangeError(`xmm save offset ${step.rspOffset} is not 16-aligned`);
        codes.push(step.rspOffset / 16 <= 0xffff
          ? code(codeOffset, 'SAVE_XMM128', xmm, 2, { registerNumber: xmm, stackOffset: step.rspOffset })
          : code(codeOffset, 'SAVE_XMM128_FAR', xmm, 3, { registerNumber: xmm, stackOffset: step.rspOffset }));
        break;
      }
      case 'setFramePointer':
        if (step.offset % 16 !== 0 || step.offset > 240) throw new RangeError(`frame offset ${step.offset} cannot be encoded`);
        frameRegister = RBP_NUMBER;
        frameOffset = step.offset;
        codes.push(code(codeOffset, 'SET_FPREG', 0, 1, {}));
        break;
    }
  }
  codes.reverse();
  const countOfCodes = codes.reduce((sum, c) => sum + c.slotCount, 0);
  if (countOfCodes > 255) throw new RangeError('too many unwind codes');
  const header = { version: UNWIND_VERSION, flags: 0, sizeOfProlog, countOfCodes, frameRegister, frameOffset, codes };
  return { ...header, bytes: serializeUnwindInfo(header) };
}

function allocationCode(codeOffset: number, size: number): UnwindCode {
  if (size % 8 !== 0 || size <= 0) throw new RangeError(`allocation of ${size} bytes cannot be described`);
  if (size <= MAX_ALLOC_SMALL) return code(codeOffset, 'ALLOC_SMALL', (size - 8) / 8, 1, { allocationSize: size });
  if (size <= MAX_ALLOC_LARGE_SCALED) return code(codeOffset, 'ALLOC_LARGE', 0, 2, { allocationSize: size });
  return code(codeOffset, 'ALLOC_LARGE', 1, 3, { allocationSize: size });
}

function code(
  codeOffset: number,
  operation: UnwindOperation,
  opInfo: number,
  slotCount: number,
  operands: Pick<UnwindCode, 'registerNumber' | 'allocationSize' | 'stackOffset'>,
): UnwindCode {
  return { codeOffset, operation, opInfo, slotCount, ...operands };
}

/** The UNWIND_INFO bytes for unwind data (codes already in reverse prolog order). */
export function serializeUnwindInfo(info: Omit<UnwindInfo, 'bytes'>): Uint8Array {
  const slots: number[] = [];
  for (const c of info.codes) {
    const first = c.codeOffset | ((UNWIND_OPERATIONS[c.operation] | (c.opInfo << 4)) << 8);
    slots.push(first);
    switch (c.operation) {
      case 'ALLOC_LARGE':
        if (c.opInfo === 0) slots.push(c.allocationSize! / 8);
        else slots.push(c.allocationSize! & 0xffff, c.allocationSize! >>> 16);
        break;
      case 'SAVE_XMM128':
        slots.push(c.stackOffset! / 16);
        break;
      case 'SAVE_NONVOL':
        slots.push(c.stackOffset! / 8);
        break;
      case 'SAVE_XMM128_FAR':
      case 'SAVE_NONVOL_FAR':
        slots.push(c.stackOffset! & 0xffff, c.stackOffset! >>> 16);
        break;
    }
  }
  if (slots.length !== info.countOfCodes) throw new Error('unwind code slot count mismatch');
  const paddedSlots = slots.length + (slots.length % 2);
  const bytes = new Uint8Array(4 + 2 * paddedSlots);
  bytes[0] = info.version | (info.flags << 3);
  bytes[1] = info.sizeOfProlog;
  bytes[2] = info.countOfCodes;
  bytes[3] = info.frameRegister | ((info.frameOffset / 16) << 4);
  slots.forEach((slot, i) => {
    bytes[4 + 2 * i] = slot & 0xff;
    bytes[5 + 2 * i] = slot >>> 8;
  });
  return bytes;
}

/** Reads UNWIND_INFO bytes back into plain data (for dumps and checks). */
export function parseUnwindInfo(bytes: Uint8Array): UnwindInfo {
  if (bytes.length < 4) throw new RangeError('UNWIND_INFO is shorter than its header');
  const countOfCodes = bytes[2]!;
  if (bytes.length < 4 + 2 * countOfCodes) throw new RangeError('UNWIND_INFO is shorter than its codes');
  const slot = (i: number): number => bytes[4 + 2 * i]! | (bytes[5 + 2 * i]! << 8);
  const codes: UnwindCode[] = [];
  for (let i = 0; i < countOfCodes;) {
    const codeOffset = bytes[4 + 2 * i]!;
    const opByte = bytes[5 + 2 * i]!;
    const opNumber = opByte & 0x0f;
    const opInfo = opByte >>> 4;
    const operation = operationName(opNumber);
    let parsed: UnwindCode;
    switch (operation) {
      case 'PUSH_NONVOL':
        parsed = code(codeOffset, operation, opInfo, 1, { registerNumber: opInfo });
        break;
      case 'ALLOC_SMALL':
        parsed = code(codeOffset, operation, opInfo, 1, { allocationSize: opInfo * 8 + 8 });
        break;
      case 'ALLOC_LARGE':
        parsed = opInfo === 0
          ? code(codeOffset, operation, opInfo, 2, { allocationSize: slot(i + 1) * 8 })
          : code(codeOffset, operation, opInfo, 3, { allocationSize: slot(i + 1) + slot(i + 2) * 0x10000 });
        break;
      case 'SET_FPREG':
        parsed = code(codeOffset, operation, opInfo, 1, {});
        break;
      case 'SAVE_NONVOL':
        parsed = code(codeOffset, operation, opInfo, 2, { registerNumber: opInfo, stackOffset: slot(i + 1) * 8 });
        break;
      case 'SAVE_XMM128':
        parsed = code(codeOffset, operation, opInfo, 2, { registerNumber: opInfo, stackOffset: slot(i + 1) * 16 });
        break;
      case 'SAVE_NONVOL_FAR':
      case 'SAVE_XMM128_FAR':
        parsed = code(codeOffset, operation, opInfo, 3, { registerNumber: opInfo, stackOffset: slot(i + 1) + slot(i + 2) * 0x10000 });
        break;
      case 'PUSH_MACHFRAME':
        parsed = code(codeOffset, operation, opInfo, 1, {});
        break;
    }
    codes.push(parsed);
    i += parsed.slotCount;
  }
  return {
    version: bytes[0]! & 0x07,
    flags: bytes[0]! >>> 3,
    sizeOfProlog: bytes[1]!,
    countOfCodes,
    frameRegister: bytes[3]! & 0x0f,
    frameOffset: (bytes[3]! >>> 4) * 16,
    codes,
    bytes: bytes.slice(0, 4 + 2 * (countOfCodes + (countOfCodes % 2))),
  };
}

function operationName(op: number): UnwindOperation {
  for (const [name, value] of Object.entries(UNWIND_OPERATIONS)) if (value === op) return name as UnwindOperation;
  throw new RangeError(`unknown unwind operation ${op}`);
}
