/** One-line text for the entries of EH, GC, debug and unwind info, as difference details print them. */

import type { CORINFO_EH_CLAUSE } from '../jitee/structs.js';
import { CORINFO_EH_CLAUSE_FLAGS, CorJitFuncKind } from '../jitee/enums.js';
import { enumName, flagNames } from '../jitee/enum-util.js';
import type { GcSafePoint, GcSlot, GcSlotLocation } from '../jitee/gc-info.js';
import { MappingTypes, SourceTypes, type NativeVarInfo, type OffsetMapping, type VarLoc } from '../jitee/debug-info.js';
import { UnwindOp, type UnwindCode, type UnwindInfo } from '../jitee/unwind-info.js';
import { hexOffset } from './list-difference.js';

function range(start: number, length: number): string {
  return `[${hexOffset(start)}, ${hexOffset(start + length)})`;
}

export function formatEhClause(c: CORINFO_EH_CLAUSE): string {
  const F = CORINFO_EH_CLAUSE_FLAGS;
  const kind = (c.flags & F.CORINFO_EH_CLAUSE_FILTER) !== 0 ? `filter at ${hexOffset(c.classTokenOrFilterOffset)}`
    : (c.flags & F.CORINFO_EH_CLAUSE_FINALLY) !== 0 ? 'finally'
      : (c.flags & F.CORINFO_EH_CLAUSE_FAULT) !== 0 ? 'fault'
        : `catch token 0x${c.classTokenOrFilterOffset.toString(16).padStart(8, '0')}`;
  const extra = (c.flags & (F.CORINFO_EH_CLAUSE_DUPLICATE | F.CORINFO_EH_CLAUSE_SAMETRY)) !== 0
    ? ` ${flagNames(F, c.flags & (F.CORINFO_EH_CLAUSE_DUPLICATE | F.CORINFO_EH_CLAUSE_SAMETRY)).map((n) => n.replace('CORINFO_EH_CLAUSE_', '').toLowerCase()).join(' ')}`
    : '';
  return `try ${range(c.tryOffset, c.tryLength)} handler ${range(c.handlerOffset, c.handlerLength)} ${kind}${extra}`;
}

export function formatGcLocation(l: GcSlotLocation): string {
  if (l.kind === 'register') return l.register;
  const base = l.base === 'sp' ? 'sp' : l.base === 'frame' ? 'frame' : 'caller-sp';
  return `[${base}${l.offset < 0 ? '-' : '+'}${hexOffset(Math.abs(l.offset))}]`;
}

export function formatGcSlot(s: GcSlot): string {
  return `${s.gcType}${s.pinned === true ? ' pinned' : ''} ${formatGcLocation(s.location)}`;
}

export function formatSafePoint(p: GcSafePoint): string {
  return `${hexOffset(p.codeOffset)} live {${p.liveSlots.join(',')}}`;
}

function ilOffsetName(il: number): string {
  switch (il) {
    case MappingTypes.PROLOG:
      return 'PROLOG';
    case MappingTypes.EPILOG:
      return 'EPILOG';
    case MappingTypes.NO_MAPPING:
      return 'NO_MAPPING';
    default:
      return `IL_${il.toString(16).toUpperCase().padStart(4, '0')}`;
  }
}

export function formatMapping(m: OffsetMapping): string {
  const source = m.source === 0 ? '' : ` (${flagNames(SourceTypes, m.source).join('|')})`;
  return `${ilOffsetName(m.ilOffset)} at ${hexOffset(m.nativeOffset)}${source}`;
}

function formatVarLoc(loc: VarLoc): string {
  switch (loc.kind) {
    case 'register':
      return loc.register;
    case 'register-pair':
      return `${loc.low}:${loc.high}`;
    case 'stack':
      return `[${loc.base}${loc.offset < 0 ? '-' : '+'}${hexOffset(Math.abs(loc.offset))}]`;
  }
}

export function formatVar(v: NativeVarInfo): string {
  return `V${String(v.varNumber).padStart(2, '0')} ${formatVarLoc(v.loc)} over [${hexOffset(v.startOffset)}, ${hexOffset(v.endOffset)})`;
}

function formatUnwindCode(c: UnwindCode): string {
  const op = (enumName(UnwindOp, c.op) ?? `op${c.op}`).replace('UWOP_', '');
  const operand = c.register ?? (c.xmm !== undefined ? `xmm${c.xmm}` : undefined);
  const parts = [operand, c.size !== undefined ? String(c.size) : undefined].filter((p) => p !== undefined);
  return `${op}${parts.length > 0 ? ` ${parts.join(' ')}` : ''}@${c.codeOffset}`;
}

export function formatUnwind(u: UnwindInfo): string {
  const kind = (enumName(CorJitFuncKind, u.funcKind) ?? String(u.funcKind)).replace('CORJIT_FUNC_', '').toLowerCase();
  const frame = u.frameRegister !== undefined ? ` frame ${u.frameRegister}+${u.frameOffset ?? 0}` : '';
  return `${kind} [${hexOffset(u.startOffset)}, ${hexOffset(u.endOffset)}) prolog ${u.prologSize}${frame}: ${u.codes.map(formatUnwindCode).join(', ')}`;
}
