import { WIN64 } from './calling-convention.js';
import type { X64Emitter } from './emitter.js';
import { dwordPtr, imm, ptr, xmmwordPtr } from './operands.js';
import { Register, gprSize, isGpr, isXmm, registerName } from './registers.js';

/**
 * The rbp frame every method gets (README.md, "Frame"):
 *
 *     push rbp
 *     push <callee-saved gprs>          ; in the order given
 *     test dword ptr [rsp-0x1000*i], eax ; one per page, only for frames >= 4 KiB
 *     sub  rsp, N                        ; locals + xmm saves + outgoing args, 16-aligned
 *     movaps xmmword ptr [rsp+X], xmmK   ; callee-saved XMM registers
 *     lea  rbp, [rsp+F]                  ; or mov rbp, rsp when F = 0
 *
 * Stack, high to low: incoming args (shadow slots first), return address,
 * saved rbp, saved gprs, locals, xmm save area, outgoing argument area ← rsp.
 * rbp = rsp + F where F is the largest multiple of 16 not above N and 240
 * (the most UNWIND_INFO can record), so the locals sit just below rbp and
 * short [rbp-disp8] forms reach the first 128 bytes of them.
 */
export interface FrameRequest {
  /** Callee-saved general-purpose registers the body uses, besides rbp (always saved). */
  readonly savedGprs?: readonly Register[];
  /** Callee-saved XMM registers (xmm6–xmm15) the body uses. */
  readonly savedXmms?: readonly Register[];
  /** Bytes of frame slots (locals, spilled stack entries) addressed relative to rbp. */
  readonly localsSize: number;
  /** Bytes of outgoing argument area at [rsp]: at least the 32-byte shadow space if the method calls anything. */
  readonly outgoingArgumentBytes: number;
}

export interface FrameLayout {
  /** Registers pushed after rbp, in push order. */
  readonly savedGprs: readonly Register[];
  readonly savedXmms: readonly Register[];
  /** The `sub rsp, N` amount. */
  readonly allocationSize: number;
  /** rbp = rsp + framePointerOffset once the prolog has run (a multiple of 16, at most 240). */
  readonly framePointerOffset: number;
  /** Locals occupy [rbp + localsRbpOffset, rbp + localsRbpOffset + localsSize). */
  readonly localsRbpOffset: number;
  /** The requested locals size rounded up to 8 bytes. */
  readonly localsSize: number;
  /** [rsp + xmmSaveRspOffsets[i]] holds savedXmms[i] (16-byte aligned). */
  readonly xmmSaveRspOffsets: readonly number[];
  readonly outgoingArgumentBytes: number;
  /** rbp-relative offset of incoming argument slot 0 (the first shadow slot); slot i is 8*i above. */
  readonly incomingArgumentsRbpOffset: number;
  /** Pages probed before the allocation (frames of 4 KiB or more must touch each guard page in turn). */
  readonly stackProbePages: number;
}

export const PAGE_SIZE = 4096;
const MAX_FRAME_POINTER_OFFSET = 240;

export function planFrame(request: FrameRequest): FrameLayout {
  const savedGprs = [...(request.savedGprs ?? [])];
  const savedXmms = [...(request.savedXmms ?? [])];
  for (const reg of savedGprs) {
    if (!isGpr(reg) || gprSize(reg) !== 8 || reg === Register.RBP || reg === Register.RSP) {
      throw new RangeError(`${registerName(reg)} cannot be saved by push in the prolog`);
    }
  }
  for (const reg of savedXmms) if (!isXmm(reg)) throw new RangeError(`${registerName(reg)} is not an XMM register`);
  if (new Set(savedGprs).size !== savedGprs.length || new Set(savedXmms).size !== savedXmms.length) {
    throw new RangeError('a register is saved twice');
  }
  checkSize(request.localsSize, 'localsSize');
  checkSize(request.outgoingArgumentBytes, 'outgoingArgumentBytes');

  const localsSize = roundUp(request.localsSize, 8);
  const outgoingArgumentBytes = roundUp(request.outgoingArgumentBytes, 16);
  const xmmAreaSize = 16 * savedXmms.length;
  const pushes = 1 + savedGprs.length;
  // Entry rsp is 8 mod 16 (the return address); after `pushes` pushes it is
  // 8*(pushes+1) mod 16 off alignment, which the allocation must make up.
  let allocationSize = outgoingArgumentBytes + xmmAreaSize + localsSize;
  if ((allocationSize + 8 * (pushes + 1)) % 16 !== 0) allocationSize += 8;

  const xmmTop = Math.floor((allocationSize - localsSize) / 16) * 16;
  const xmmSaveRspOffsets = savedXmms.map((_, i) => xmmTop - 16 * (i + 1));
  const framePointerOffset = Math.min(Math.floor(allocationSize / 16) * 16, MAX_FRAME_POINTER_OFFSET);
  return {
    savedGprs,
    savedXmms,
    allocationSize,
    framePointerOffset,
    localsRbpOffset: allocationSize - localsSize - framePointerOffset,
    localsSize,
    xmmSaveRspOffsets,
    outgoingArgumentBytes,
    incomingArgumentsRbpOffset: allocationSize + 8 * pushes + 8 - framePointerOffset,
    stackProbePages: allocationSize >= PAGE_SIZE ? Math.floor(allocationSize / PAGE_SIZE) : 0,
  };
}

/** rbp-relative offset of incoming argument slot `index` (slots 0–3 are where register arguments can be homed). */
export function incomingArgumentRbpOffset(layout: FrameLayout, index: number): number {
  return layout.incomingArgumentsRbpOffset + WIN64.stackSlotBytes * index;
}

/** One unwind-relevant prolog instruction, with the emitter position just after it. */
export type PrologStep =
  | { readonly kind: 'push'; readonly register: Register; readonly endPosition: number }
  | { readonly kind: 'allocate'; readonly size: number; readonly endPosition: number }
  | { readonly kind: 'saveXmm'; readonly register: Register; readonly rspOffset: number; readonly endPosition: number }
  | { readonly kind: 'setFramePointer'; readonly offset: number; readonly endPosition: number };

export interface EmittedProlog {
  readonly layout: FrameLayout;
  /** Emitter position of the prolog's first instruction (the start of the function its unwind info covers). */
  readonly startPosition: number;
  /** In prolog order. */
  readonly steps: readonly PrologStep[];
  /** Emitter position of the first instruction after the prolog. */
  readonly endPosition: number;
}

/** Emits the prolog for `layout` at the current position (the start of the function). */
export function emitProlog<Tag>(e: X64Emitter<Tag>, layout: FrameLayout): EmittedProlog {
  const startPosition = e.position;
  const steps: PrologStep[] = [];
  for (const register of [Register.RBP, ...layout.savedGprs]) {
    e.push(register);
    steps.push({ kind: 'push', register, endPosition: e.position });
  }
  for (let page = 1; page <= layout.stackProbePages; page++) {
    // A read is enough to move the guard page; it changes no register.
    e.test(dwordPtr(Register.RSP, -PAGE_SIZE * page), Register.EAX);
  }
  if (layout.allocationSize > 0) {
    e.sub(Register.RSP, imm(layout.allocationSize));
    steps.push({ kind: 'allocate', size: layout.allocationSize, endPosition: e.position });
  }
  layout.savedXmms.forEach((register, i) => {
    const rspOffset = layout.xmmSaveRspOffsets[i]!;
    e.movaps(xmmwordPtr(Register.RSP, rspOffset), register);
    steps.push({ kind: 'saveXmm', register, rspOffset, endPosition: e.position });
  });
  if (layout.framePointerOffset === 0) e.mov(Register.RBP, Register.RSP);
  else e.lea(Register.RBP, ptr(8, Register.RSP, layout.framePointerOffset));
  steps.push({ kind: 'setFramePointer', offset: layout.framePointerOffset, endPosition: e.position });
  return { layout, startPosition, steps, endPosition: e.position };
}

export interface EpilogOptions {
  /**
   * Recompute rsp from rbp (lea rsp, [rbp+X]) instead of `add rsp, N`: needed
   * when the body moved rsp (localloc). Both are forms the Windows unwinder
   * recognises as an epilog.
   */
  readonly restoreStackFromFramePointer?: boolean;
  /** Emit the ret (default true); false for an epilog ending in a tail jump. */
  readonly ret?: boolean;
}

/** Emits an epilog undoing `layout`'s prolog. */
export function emitEpilog<Tag>(e: X64Emitter<Tag>, layout: FrameLayout, options: EpilogOptions = {}): void {
  const fromFramePointer = options.restoreStackFromFramePointer === true;
  layout.savedXmms.forEach((register, i) => {
    e.movaps(register, fromFramePointer
      ? xmmwordPtr(Register.RBP, layout.xmmSaveRspOffsets[i]! - layout.framePointerOffset)
      : xmmwordPtr(Register.RSP, layout.xmmSaveRspOffsets[i]!));
  });
  if (fromFramePointer) {
    e.lea(Register.RSP, ptr(8, Register.RBP, layout.allocationSize - layout.framePointerOffset));
  } else if (layout.allocationSize > 0) {
    e.add(Register.RSP, imm(layout.allocationSize));
  }
  for (let i = layout.savedGprs.length - 1; i >= 0; i--) e.pop(layout.savedGprs[i]!);
  e.pop(Register.RBP);
  if (options.ret !== false) e.ret();
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

function checkSize(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0x7fff_0000) throw new RangeError(`${name} ${value} is not a frame size`);
}
