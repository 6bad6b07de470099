import { Code, OpKind } from 'iced-x86';
import { describe, expect, it } from 'vitest';
import {
  PAGE_SIZE, Register, X64Emitter, buildUnwindInfo, emitEpilog, emitProlog, forEachInstruction, incomingArgumentRbpOffset,
  parseUnwindInfo, planFrame, registerNumber, serializeUnwindInfo, type FrameRequest, type UnwindInfo,
} from '../../../src/jit/x64/index.js';

const R = Register;
const CODE_ADDRESS = 0x7ff6_0000_0000n;
const ENTRY_RSP = 0x10_0000_0008n; // 8 mod 16: just after the caller's call pushed the return address

interface DecodedPrologInstruction {
  readonly end: number;
  readonly code: Code;
  readonly reg0: Register;
  readonly reg1: Register;
  readonly memBase: Register;
  readonly displacement: bigint;
  readonly immediate: bigint;
}

function decodeAll(code: Uint8Array): DecodedPrologInstruction[] {
  const list: DecodedPrologInstruction[] = [];
  forEachInstruction(code, CODE_ADDRESS, (instruction, offset) => {
    const hasMemory = instruction.op0Kind === OpKind.Memory || instruction.op1Kind === OpKind.Memory;
    list.push({
      end: offset + instruction.length,
      code: instruction.code,
      reg0: instruction.op0Kind === OpKind.Register ? instruction.op0Register : Register.None,
      reg1: instruction.opCount > 1 && instruction.op1Kind === OpKind.Register ? instruction.op1Register : Register.None,
      memBase: hasMemory ? instruction.memoryBase : Register.None,
      displacement: hasMemory ? BigInt.asIntN(64, instruction.memoryDisplacement) : 0n,
      immediate: instruction.opCount > 1 && instruction.op1Kind !== OpKind.Register && instruction.op1Kind !== OpKind.Memory
        ? instruction.immediate(1) : 0n,
    });
  });
  return list;
}

interface MachineState {
  rsp: bigint;
  rbp: bigint;
  /** Stack address → hardware number of the register saved there ("x" prefix for XMM). */
  readonly saved: Map<bigint, string>;
}

/** Runs the prolog instructions on a symbolic stack, as far as they touch rsp, rbp and save slots. */
function runProlog(instructions: readonly DecodedPrologInstruction[], sizeOfProlog: number): MachineState {
  const state: MachineState = { rsp: ENTRY_RSP, rbp: 0n, saved: new Map() };
  for (const i of instructions) {
    if (i.end > sizeOfProlog) break;
    switch (i.code) {
      case Code.Push_r64: state.rsp -= 8n; state.saved.set(state.rsp, `r${registerNumber(i.reg0)}`); break;
      case Code.Sub_rm64_imm8: case Code.Sub_rm64_imm32: expect(i.reg0).toBe(R.RSP); state.rsp -= BigInt.asIntN(64, i.immediate); break;
      case Code.Lea_r64_m: expect([i.reg0, i.memBase]).toEqual([R.RBP, R.RSP]); state.rbp = state.rsp + i.displacement; break;
      case Code.Mov_r64_rm64: expect([i.reg0, i.reg1]).toEqual([R.RBP, R.RSP]); state.rbp = state.rsp; break;
      case Code.Movaps_xmmm128_xmm: expect(i.memBase).toBe(R.RSP); state.saved.set(state.rsp + i.displacement, `x${registerNumber(i.reg1)}`); break;
      case Code.Test_rm32_r32: expect(i.memBase).toBe(R.RSP); expect(i.displacement % BigInt(PAGE_SIZE)).toBe(0n); break;
      default: throw new Error(`unexpected prolog instruction ${Code[i.code]}`);
    }
  }
  return state;
}

/**
 * Unwinds from the method body the way the Windows unwinder reads UNWIND_INFO,
 * checking each code against what the prolog really did. Ends at entry rsp.
 */
function unwindFromBody(info: UnwindInfo, body: MachineState): bigint {
  let rsp = body.rsp;
  for (const c of info.codes) {
    switch (c.operation) {
      case 'SET_FPREG': rsp = body.rbp - BigInt(info.frameOffset); expect(rsp).toBe(body.rsp); break;
      case 'ALLOC_SMALL': case 'ALLOC_LARGE': rsp += BigInt(c.allocationSize!); break;
      case 'SAVE_XMM128': case 'SAVE_XMM128_FAR': expect(body.saved.get(rsp + BigInt(c.stackOffset!))).toBe(`x${c.registerNumber}`); break;
      case 'PUSH_NONVOL': expect(body.saved.get(rsp)).toBe(`r${c.registerNumber}`); rsp += 8n; break;
      default: throw new Error(`unexpected unwind code ${c.operation}`);
    }
  }
  return rsp;
}

function emitFrame(request: FrameRequest) {
  const e = new X64Emitter();
  const layout = planFrame(request);
  const prolog = emitProlog(e, layout);
  e.mov(R.RAX, R.RCX);
  emitEpilog(e, layout);
  const result = e.finalize(CODE_ADDRESS);
  const unwind = buildUnwindInfo(prolog, result.instructionOffsets);
  return { layout, prolog, result, unwind };
}

const FRAMES: readonly FrameRequest[] = [
  { localsSize: 0, outgoingArgumentBytes: 0 },
  { localsSize: 8, outgoingArgumentBytes: 32 },
  { localsSize: 24, outgoingArgumentBytes: 32 },
  { localsSize: 200, outgoingArgumentBytes: 48, savedGprs: [R.RBX] },
  { localsSize: 40, outgoingArgumentBytes: 32, savedGprs: [R.RBX, R.RSI, R.RDI, R.R12, R.R13, R.R14, R.R15] },
  { localsSize: 64, outgoingArgumentBytes: 32, savedGprs: [R.RSI], savedXmms: [R.XMM6, R.XMM7, R.XMM15] },
  { localsSize: 3000, outgoingArgumentBytes: 64, savedGprs: [R.RDI, R.RSI] },
  { localsSize: 5 * PAGE_SIZE + 100, outgoingArgumentBytes: 32, savedXmms: [R.XMM8] },
];

describe('frame layout', () => {
  it('keeps rsp 16-aligned, rbp within UNWIND_INFO reach and the areas apart', () => {
    for (let pushes = 0; pushes <= 7; pushes++) {
      for (const localsSize of [0, 4, 8, 24, 100, 256, 1000]) {
        for (const outgoingArgumentBytes of [0, 32, 40, 64]) {
          for (const xmms of [0, 1, 2]) {
            const layout = planFrame({
              localsSize, outgoingArgumentBytes,
              savedGprs: [R.RBX, R.RSI, R.RDI, R.R12, R.R13, R.R14, R.R15].slice(0, pushes),
              savedXmms: [R.XMM6, R.XMM7].slice(0, xmms),
            });
            const bodyRsp = ENTRY_RSP - 8n * BigInt(1 + pushes) - BigInt(layout.allocationSize);
            expect(bodyRsp % 16n).toBe(0n);
            expect(layout.framePointerOffset % 16).toBe(0);
            expect(layout.framePointerOffset).toBeLessThanOrEqual(Math.min(240, layout.allocationSize));
            const localsStart = layout.framePointerOffset + layout.localsRbpOffset; // rsp-relative
            expect(localsStart + layout.localsSize).toBe(layout.allocationSize);
            expect(layout.localsSize).toBeGreaterThanOrEqual(localsSize);
            for (const slot of layout.xmmSaveRspOffsets) {
              expect(slot % 16).toBe(0);
              expect(slot).toBeGreaterThanOrEqual(layout.outgoingArgumentBytes);
              expect(slot + 16).toBeLessThanOrEqual(localsStart);
            }
            expect(layout.outgoingArgumentBytes).toBeGreaterThanOrEqual(outgoingArgumentBytes);
            // Incoming slot 0 sits just above the return address.
            const rbp = bodyRsp + BigInt(layout.framePointerOffset);
            expect(rbp + BigInt(incomingArgumentRbpOffset(layout, 0))).toBe(ENTRY_RSP + 8n);
          }
        }
      }
    }
  });

  it('homes the first argument at [rbp+0x10] in a frame without saved registers', () => {
    const layout = planFrame({ localsSize: 24, outgoingArgumentBytes: 32 });
    expect(layout.allocationSize).toBe(64);
    expect(layout.framePointerOffset).toBe(64);
    expect(incomingArgumentRbpOffset(layout, 0)).toBe(0x10);
    expect(incomingArgumentRbpOffset(layout, 3)).toBe(0x28);
    expect(layout.localsRbpOffset).toBe(-24);
  });

  it('rejects registers the prolog cannot save', () => {
    expect(() => planFrame({ localsSize: 0, outgoingArgumentBytes: 0, savedGprs: [R.RBP] })).toThrow();
    expect(() => planFrame({ localsSize: 0, outgoingArgumentBytes: 0, savedGprs: [R.EBX] })).toThrow();
    expect(() => planFrame({ localsSize: 0, outgoingArgumentBytes: 0, savedGprs: [R.RBX, R.RBX] })).toThrow(/twice/);
    expect(() => planFrame({ localsSize: -1, outgoingArgumentBytes: 0 })).toThrow();
  });
});

describe('unwind info', () => {
  it('describes exactly what each emitted prolog does', () => {
    for (const request of FRAMES) {
      const { result, unwind, prolog } = emitFrame(request);
      expect(unwind.sizeOfProlog).toBe(result.instructionOffsets[prolog.endPosition]);
      const instructions = decodeAll(result.code);
      // Every code sits at the end of a prolog instruction.
      const ends = new Set(instructions.filter((i) => i.end <= unwind.sizeOfProlog).map((i) => i.end));
      for (const c of unwind.codes) expect(ends.has(c.codeOffset)).toBe(true);
      // Codes run from the last prolog operation to the first.
      const offsets = unwind.codes.map((c) => c.codeOffset);
      expect([...offsets].sort((a, b) => b - a)).toEqual(offsets);
      expect(unwind.codes[0]!.operation).toBe('SET_FPREG');
      expect(unwind.codes[0]!.codeOffset).toBe(unwind.sizeOfProlog);
      expect(unwind.frameRegister).toBe(5);
      const body = runProlog(instructions, unwind.sizeOfProlog);
      expect(unwindFromBody(unwind, body)).toBe(ENTRY_RSP);
    }
  });

  it('picks ALLOC_SMALL, ALLOC_LARGE and probes by frame size', () => {
    const alloc = (localsSize: number) => emitFrame({ localsSize, outgoingArgumentBytes: 0 }).unwind.codes.find((c) => c.operation.startsWith('ALLOC'))!;
    expect(alloc(112)).toMatchObject({ operation: 'ALLOC_SMALL', allocationSize: 112, opInfo: 13, slotCount: 1 });
    expect(alloc(128)).toMatchObject({ operation: 'ALLOC_SMALL', allocationSize: 128, opInfo: 15, slotCount: 1 });
    expect(alloc(144)).toMatchObject({ operation: 'ALLOC_LARGE', allocationSize: 144, opInfo: 0, slotCount: 2 });
    const big = emitFrame({ localsSize: 3 * PAGE_SIZE, outgoingArgumentBytes: 32 });
    expect(big.layout.stackProbePages).toBe(3);
    expect(decodeAll(big.result.code).filter((i) => i.code === Code.Test_rm32_r32).map((i) => i.displacement))
      .toEqual([-4096n, -8192n, -12288n]);
  });

  it('serializes to the UNWIND_INFO layout', () => {
    // push rbp; sub rsp, 0x40; lea rbp, [rsp+0x40]
    const { unwind, result } = emitFrame({ localsSize: 24, outgoingArgumentBytes: 32 });
    expect(Buffer.from(result.code.subarray(0, 10)).toString('hex')).toBe('554883ec40488d6c2440');
    expect(Array.from(unwind.bytes)).toEqual([
      0x01, 0x0a, 0x03, 0x45, // version 1, prolog 10 bytes, 3 slots, rbp with offset 4*16
      0x0a, 0x03, // at 10: SET_FPREG
      0x05, 0x72, // at 5: ALLOC_SMALL (0x40 - 8) / 8 = 7
      0x01, 0x50, // at 1: PUSH_NONVOL rbp
      0x00, 0x00, // padding to an even slot count
    ]);
  });

  it('reads back what it writes, including the large forms', () => {
    for (const request of FRAMES) {
      const { unwind } = emitFrame(request);
      expect(parseUnwindInfo(unwind.bytes)).toEqual(unwind);
    }
    const large = {
      version: 1, flags: 0, sizeOfProlog: 30, countOfCodes: 7, frameRegister: 5, frameOffset: 240,
      codes: [
        { codeOffset: 30, operation: 'SET_FPREG' as const, opInfo: 0, slotCount: 1 },
        { codeOffset: 25, operation: 'SAVE_XMM128_FAR' as const, opInfo: 6, slotCount: 3, registerNumber: 6, stackOffset: 0x10_0010 },
        { codeOffset: 9, operation: 'ALLOC_LARGE' as const, opInfo: 1, slotCount: 3, allocationSize: 0x10_0020 },
      ],
    };
    const bytes = serializeUnwindInfo(large);
    expect(bytes.length).toBe(4 + 2 * 8);
    expect(parseUnwindInfo(bytes)).toEqual({ ...large, bytes });
  });

  it('counts code offsets from the start of the function the prolog opens', () => {
    const e = new X64Emitter();
    e.int3();
    e.int3();
    const layout = planFrame({ localsSize: 8, outgoingArgumentBytes: 32 });
    const prolog = emitProlog(e, layout);
    emitEpilog(e, layout);
    const result = e.finalize(CODE_ADDRESS);
    const unwind = buildUnwindInfo(prolog, result.instructionOffsets);
    expect(unwind.codes.at(-1)).toMatchObject({ operation: 'PUSH_NONVOL', codeOffset: 1 });
  });
});

describe('epilog', () => {
  it('undoes the prolog in reverse', () => {
    const { result } = emitFrame(FRAMES[5]!);
    const tail = decodeAll(result.code).slice(-7);
    expect(tail.map((i) => Code[i.code])).toEqual([
      'Movaps_xmm_xmmm128', 'Movaps_xmm_xmmm128', 'Movaps_xmm_xmmm128', 'Add_rm64_imm32', 'Pop_r64', 'Pop_r64', 'Retnq',
    ]);
    expect(tail.slice(0, 3).map((i) => i.reg0)).toEqual([R.XMM6, R.XMM7, R.XMM15]);
    expect(tail.slice(4, 6).map((i) => i.reg0)).toEqual([R.RSI, R.RBP]);
  });

  it('can restore rsp from rbp and leave out the ret', () => {
    const e = new X64Emitter();
    const layout = planFrame({ localsSize: 40, outgoingArgumentBytes: 32, savedGprs: [R.RBX] });
    emitProlog(e, layout);
    emitEpilog(e, layout, { restoreStackFromFramePointer: true, ret: false });
    const instructions = decodeAll(e.finalize(CODE_ADDRESS).code);
    const lea = instructions.at(-3)!;
    expect(Code[lea.code]).toBe('Lea_r64_m');
    expect([lea.reg0, lea.memBase]).toEqual([R.RSP, R.RBP]);
    // rsp = rbp - F + N: back to just below the pushes.
    expect(lea.displacement).toBe(BigInt(layout.allocationSize - layout.framePointerOffset));
    expect(instructions.slice(-2).map((i) => Code[i.code])).toEqual(['Pop_r64', 'Pop_r64']);
  });
});

describe('very large frames', () => {
  it('are refused once the probes make the prolog too long for UNWIND_INFO', () => {
    expect(() => emitFrame({ localsSize: 128 * 1024, outgoingArgumentBytes: 32 })).not.toThrow();
    expect(() => emitFrame({ localsSize: 256 * 1024, outgoingArgumentBytes: 32 })).toThrow(/too long for UNWIND_INFO/);
  });
});
