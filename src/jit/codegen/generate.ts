/**
 * Code generation driver: plans the frame, emits the prolog (homing the
 * register arguments, zeroing GC and localsinit slots, copying value types
 * passed by reference), every block in layout order with the throw stubs
 * and end labels of the EH regions that end after it, then the single
 * epilog every return jumps to, then the throw stubs of code outside any
 * region.
 */

import { SourceTypes } from '../../jitee/index.js';
import type { EECache } from '../importer/ee-cache.js';
import type { IrMethod } from '../ir/method.js';
import type { IrOp } from '../ir/ops.js';
import {
  Register, WIN64, emitEpilog, emitProlog, imm, ptr, qwordPtr, type EmittedProlog, type Label,
} from '../x64/index.js';
import { genBinary, genBranch, genCkfinite, genCompare, genConvert, genUnary } from './arithmetic.js';
import { callHelperPlaced, emitCall, outgoingBytesFor } from './calls.js';
import { CodeGen } from './codegen.js';
import {
  genCallFinally, genCatchArg, genEndFilter, genEndFinally, genHandlerEntry, genReturn, genRuntimeLookup, genSwitch,
  genTailJump, genThrow,
} from './control.js';
import { planMethodFrame } from './frame-plan.js';
import {
  genAddressOf, genArrayLength, genBoundsCheck, genCopyBlock, genCopyStruct, genElementAddress, genInitBlock, genLoad,
  genLocalloc, genNullCheck, genOffsetAddress, genStore, genZero, genZeroVar,
} from './memory.js';
import { mapRegions, type RegionMap } from './regions.js';
import { chunks, copyValue } from './values.js';

const { RAX, RDX, R10, EAX, ECX } = Register;

export interface GeneratedCode {
  readonly g: CodeGen;
  readonly prolog: EmittedProlog;
  readonly regions: RegionMap;
  /** Label bound at the end of each region (after its throw stubs). */
  readonly regionEnds: readonly Label[];
}

/** Operations whose code may call something (they need the outgoing argument area). */
function callsOut(op: IrOp): number {
  switch (op.op) {
    case 'call': case 'throw': return outgoingBytesFor(op.call);
    case 'binary': return op.oper.startsWith('div') || op.oper.startsWith('rem') || op.oper.includes('.ovf') ? WIN64.shadowSpaceBytes : 0;
    case 'convert': return op.overflow || op.from === 'f4' || op.from === 'f8' || op.unsignedSource ? WIN64.shadowSpaceBytes : 0;
    case 'store': case 'copyStruct': return op.barrier !== 'none' ? WIN64.shadowSpaceBytes : 0;
    case 'boundsCheck': case 'ckfinite': case 'initBlock': case 'copyBlock': case 'runtimeLookup':
      return WIN64.shadowSpaceBytes;
    default: return 0;
  }
}

export function generateCode(method: IrMethod, ee: EECache): GeneratedCode {
  let outgoing = 0;
  for (const block of method.blocks) for (const op of block.ops) outgoing = Math.max(outgoing, callsOut(op));
  const plan = planMethodFrame(method, outgoing);
  const g = new CodeGen(method, plan, ee);
  const e = g.e;
  const prolog = emitProlog(e, plan.layout);
  homeArguments(g);
  zeroFrame(g);
  copyArgumentsPassedByReference(g);

  const regions = mapRegions(method);
  const regionEnds = regions.regions.map(() => e.newLabel());
  const layout = method.layout;
  let lastEmitted = -1;
  layout.forEach((id, i) => { if (method.blocks[id]!.reachable) lastEmitted = i; });

  layout.forEach((id, index) => {
    const block = method.blocks[id]!;
    e.bindLabel(g.blockLabels[id]!);
    g.currentRegion = regions.innermostAt[index]!;
    if (block.reachable) {
      const next = index + 1 < layout.length ? layout[index + 1] : undefined;
      for (const op of block.ops) generateOp(g, op, next, index === lastEmitted);
    }
    for (const region of regions.endingAt[index]!) {
      emitThrowStubs(g, region);
      e.bindLabel(regionEnds[region]!);
    }
  });

  e.bindLabel(g.epilogLabel);
  g.epilogPosition = e.position;
  g.marks.push({ position: e.position, ilOffset: -3, source: SourceTypes.STACK_EMPTY });
  emitEpilog(e, plan.layout, { restoreStackFromFramePointer: method.usesLocalloc });
  emitThrowStubs(g, -1);
  return { g, prolog, regions, regionEnds };
}

function emitThrowStubs(g: CodeGen, region: number): void {
  for (const stub of g.takeThrowStubs(region)) {
    g.e.bindLabel(stub.label);
    callHelperPlaced(g, stub.helper);
    g.e.int3();
  }
}

function generateOp(g: CodeGen, op: IrOp, next: number | undefined, isLastBlock: boolean): void {
  switch (op.op) {
    case 'il':
      // Offsets where the stack is not empty are kept too: the EE may ask for them (getBoundaries).
      g.marks.push({ position: g.e.position, ilOffset: op.offset, source: op.stackEmpty ? SourceTypes.STACK_EMPTY : SourceTypes.SOURCE_TYPE_INVALID });
      return;
    case 'copy': copyValue(g, op.dst, op.src, op.type); return;
    case 'binary': genBinary(g, op); return;
    case 'unary': genUnary(g, op); return;
    case 'compare': genCompare(g, op); return;
    case 'convert': genConvert(g, op); return;
    case 'ckfinite': genCkfinite(g, op); return;
    case 'addressOf': genAddressOf(g, op); return;
    case 'load': genLoad(g, op); return;
    case 'store': genStore(g, op); return;
    case 'nullCheck': genNullCheck(g, op.src); return;
    case 'boundsCheck': genBoundsCheck(g, op); return;
    case 'arrayLength': genArrayLength(g, op); return;
    case 'elementAddress': genElementAddress(g, op); return;
    case 'offsetAddress': genOffsetAddress(g, op); return;
    case 'zero': genZero(g, op); return;
    case 'zeroVar': genZeroVar(g, op.var); return;
    case 'copyStruct': genCopyStruct(g, op); return;
    case 'initBlock': genInitBlock(g, op); return;
    case 'copyBlock': genCopyBlock(g, op); return;
    case 'call': emitCall(g, op.call); return;
    case 'localloc': genLocalloc(g, op); return;
    case 'catchArg': genCatchArg(g, op.dst); return;
    case 'handlerEntry': genHandlerEntry(g, op.slot); return;
    case 'callFinally': genCallFinally(g, op.clause); return;
    case 'runtimeLookup': genRuntimeLookup(g, op); return;
    case 'jump': if (op.target !== next) g.e.jmp(g.blockLabels[op.target]!); return;
    case 'branch': genBranch(g, op, next); return;
    case 'switch': genSwitch(g, op, next); return;
    case 'return': genReturn(g, op, isLastBlock); return;
    case 'throw': genThrow(g, op); return;
    case 'endFinally': genEndFinally(g, op.clause); return;
    case 'endFilter': genEndFilter(g, op); return;
    case 'tailJump': genTailJump(g, op); return;
  }
}

/** Stores the register arguments into their home slots (Tier0 keeps every argument in memory). */
function homeArguments(g: CodeGen): void {
  const e = g.e;
  const method = g.method;
  for (const id of method.abiArgs) {
    const v = method.vars[id]!;
    if (v.abiIndex >= 4) continue;
    const home = g.plan.layout.incomingArgumentsRbpOffset + 8 * v.abiIndex;
    if (v.type.kind === 'f4') e.movss(ptr(4, Register.RBP, home), WIN64.floatArgumentRegisters[v.abiIndex]!);
    else if (v.type.kind === 'f8') e.movsd(ptr(8, Register.RBP, home), WIN64.floatArgumentRegisters[v.abiIndex]!);
    else e.mov(qwordPtr(Register.RBP, home), WIN64.intArgumentRegisters[v.abiIndex]!);
  }
}

const UNROLLED_ZEROING_LIMIT = 16;

/** Zeroes the slots the GC reports (and localsinit locals), after the arguments are homed. */
function zeroFrame(g: CodeGen): void {
  const e = g.e;
  const { zeroStart, zeroEnd } = g.plan;
  const slots = (zeroEnd - zeroStart) / 8;
  if (slots <= 0) return;
  e.zero(EAX);
  if (slots <= UNROLLED_ZEROING_LIMIT) {
    for (let off = zeroStart; off < zeroEnd; off += 8) e.mov(qwordPtr(Register.RBP, off), RAX);
    return;
  }
  const loop = e.newLabel();
  e.mov(ECX, imm(slots));
  e.lea(RDX, qwordPtr(Register.RBP, zeroStart));
  e.bindLabel(loop);
  e.mov(qwordPtr(RDX), RAX);
  e.add(RDX, imm(8));
  e.dec(ECX);
  e.jcc('ne', loop);
}

/** Value types passed by reference are copied from the caller's copy into the method's own slot. */
function copyArgumentsPassedByReference(g: CodeGen): void {
  const e = g.e;
  for (const id of g.plan.copiedArgs) {
    const v = g.method.vars[id]!;
    const home = g.plan.layout.incomingArgumentsRbpOffset + 8 * v.abiIndex;
    e.mov(R10, qwordPtr(Register.RBP, home));
    for (const piece of chunks(v.type.layout!.size)) {
      const reg = piece.size === 8 ? RAX : piece.size === 4 ? EAX : piece.size === 2 ? Register.AX : Register.AL;
      e.mov(reg, ptr(piece.size, R10, piece.offset));
      e.mov(ptr(piece.size, Register.RBP, g.varOffset(id) + piece.offset), reg);
    }
  }
}


