/**
 * The parts of a compile result derived from the generated code: relocations,
 * native EH clauses, the IL-to-native map, variable locations, GC info and
 * unwind info, in the JIT-EE interface's terms.
 */

import {
  CORINFO_EH_CLAUSE_FLAGS, CorJitFuncKind, MappingTypes, RelocType, SourceTypes, UnwindOp, VarNumbers, X64_GP_REGISTERS,
  type CORINFO_EH_CLAUSE, type GcInfo, type GcSlotLocation, type NativeVarInfo, type OffsetMapping, type Relocation,
  type UnwindInfo,
} from '../../jitee/index.js';
import type { GeneratedCode } from '../codegen/generate.js';
import type { IrMethod } from '../ir/method.js';
import type { TargetInfo } from '../ir/ops.js';
import type { EmitResult, UnwindInfo as X64UnwindInfo } from '../x64/index.js';

export function relocationsOf(result: EmitResult<TargetInfo>): Relocation[] {
  return result.relocations.map((r) => {
    const tag = r.tag;
    const rel: Relocation = {
      block: 'hot',
      offset: r.offset,
      type: r.kind === 'REL32' ? RelocType.IMAGE_REL_BASED_REL32 : RelocType.IMAGE_REL_BASED_DIR64,
      target: r.target as never,
      // REL32 fields count from the end of the instruction, which is not the end of the field when an immediate follows.
      addlDelta: r.kind === 'REL32' ? r.offset + 4 - r.relativeTo : 0,
      targetKind: tag.kind,
      ...(tag.handle !== undefined ? { targetHandle: tag.handle } : {}),
      ...(tag.helper !== undefined ? { helper: tag.helper } : {}),
      ...(tag.indirect !== undefined ? { indirect: tag.indirect } : {}),
      annotation: tag.name,
    };
    return rel;
  });
}

/** Native clauses (offsets into the code); clauses whose try range produced no code are dropped. */
export function nativeClauses(method: IrMethod, generated: GeneratedCode, result: EmitResult<TargetInfo>): CORINFO_EH_CLAUSE[] {
  const { g, regions, regionEnds } = generated;
  const labelAt = (label: number): number => result.labelOffsets[label]!;
  const clauses: CORINFO_EH_CLAUSE[] = [];
  method.clauses.forEach((c, i) => {
    const r = regions.clauseRegions[i]!;
    const tryStart = labelAt(g.blockLabels[c.tryFirst]!);
    const tryEnd = labelAt(regionEnds[r.tryRegion]!);
    if (tryEnd <= tryStart) return;
    const handlerStart = labelAt(g.blockLabels[c.handlerFirst]!);
    const handlerEnd = labelAt(regionEnds[r.handlerRegion]!);
    const flags = c.kind === 'filter' ? CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FILTER
      : c.kind === 'finally' ? CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FINALLY
        : c.kind === 'fault' ? CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FAULT : CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_NONE;
    clauses.push({
      flags,
      tryOffset: tryStart,
      tryLength: tryEnd - tryStart,
      handlerOffset: handlerStart,
      handlerLength: handlerEnd - handlerStart,
      classTokenOrFilterOffset: c.kind === 'filter' ? labelAt(g.blockLabels[c.filterFirst]!) : c.classToken,
    });
  });
  return clauses;
}

/** The IL-to-native map: prolog, stack-empty IL offsets, call instructions, epilog; sorted by native offset. */
export function boundariesOf(generated: GeneratedCode, result: EmitResult<TargetInfo>, requested: ReadonlySet<number> | undefined): OffsetMapping[] {
  const offsets = result.instructionOffsets;
  const out: OffsetMapping[] = [{ nativeOffset: 0, ilOffset: MappingTypes.PROLOG, source: SourceTypes.STACK_EMPTY }];
  for (const mark of generated.g.marks) {
    if (mark.source === SourceTypes.SOURCE_TYPE_INVALID && !(requested?.has(mark.ilOffset) ?? false)) continue;
    const source = mark.source === SourceTypes.SOURCE_TYPE_INVALID ? SourceTypes.SEQUENCE_POINT : mark.source;
    out.push({ nativeOffset: offsets[mark.position]!, ilOffset: mark.ilOffset, source });
  }
  return out.sort((a, b) => a.nativeOffset - b.nativeOffset);
}

export function varsOf(method: IrMethod, generated: GeneratedCode, prologSize: number, codeSize: number): NativeVarInfo[] {
  const ilArgCount = method.vars.filter((v) => v.role === 'arg').length;
  const out: NativeVarInfo[] = [];
  for (const v of method.vars) {
    let varNumber: number;
    if (v.role === 'arg') varNumber = v.ilIndex;
    else if (v.role === 'local') varNumber = ilArgCount + v.ilIndex;
    else if (v.hidden === 'returnBuffer') varNumber = VarNumbers.RETBUF_ILNUM;
    else if (v.hidden === 'genericContext') varNumber = VarNumbers.TYPECTXT_ILNUM;
    else continue;
    out.push({ varNumber, startOffset: prologSize, endOffset: codeSize, loc: { kind: 'stack', base: 'rbp', offset: generated.g.varOffset(v.id) } });
  }
  return out;
}

export function gcInfoOf(method: IrMethod, generated: GeneratedCode, result: EmitResult<TargetInfo>): GcInfo {
  const { g } = generated;
  const slots = g.plan.gcSlots;
  const safePoints = g.safePointPositions.map((p) => result.instructionOffsets[p]!).sort((a, b) => a - b);
  let genericsContextSlot: GcSlotLocation | undefined;
  if (method.keepGenericContextAlive) {
    const id = method.genericContext >= 0 ? method.genericContext : method.abiArgs[0];
    if (id !== undefined) genericsContextSlot = { kind: 'stack', base: 'frame', offset: g.varOffset(id) };
  }
  return {
    codeSize: result.codeSize,
    frameRegister: 'rbp',
    fullyInterruptible: false,
    slots,
    untrackedSlots: slots.map((_, i) => i),
    safePoints: safePoints.map((codeOffset) => ({ codeOffset, liveSlots: [] })),
    ...(genericsContextSlot !== undefined ? { genericsContextSlot } : {}),
  };
}

/** The backend's UNWIND_INFO (codes last-first) as the interface's UnwindInfo (codes in prolog order). */
export function unwindInfoOf(unwind: X64UnwindInfo, codeSize: number): UnwindInfo {
  const codes = [...unwind.codes].reverse().map((c) => {
    const op = UnwindOp[`UWOP_${c.operation}` as keyof typeof UnwindOp];
    switch (c.operation) {
      case 'PUSH_NONVOL': case 'SAVE_NONVOL': case 'SAVE_NONVOL_FAR':
        return { codeOffset: c.codeOffset, op, register: X64_GP_REGISTERS[c.registerNumber!]!, ...(c.stackOffset !== undefined ? { size: c.stackOffset } : {}) };
      case 'SAVE_XMM128': case 'SAVE_XMM128_FAR':
        return { codeOffset: c.codeOffset, op, xmm: c.registerNumber!, size: c.stackOffset! };
      case 'ALLOC_SMALL': case 'ALLOC_LARGE':
        return { codeOffset: c.codeOffset, op, size: c.allocationSize! };
      default:
        return { codeOffset: c.codeOffset, op };
    }
  });
  return {
    funcKind: CorJitFuncKind.CORJIT_FUNC_ROOT,
    startOffset: 0,
    endOffset: codeSize,
    prologSize: unwind.sizeOfProlog,
    ...(unwind.frameRegister !== 0 ? { frameRegister: X64_GP_REGISTERS[unwind.frameRegister]!, frameOffset: unwind.frameOffset } : {}),
    codes,
  };
}
