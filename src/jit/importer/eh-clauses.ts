/**
 * EH clauses: read from the EE in IL offsets, checked, and mapped onto the
 * IR's block ranges.
 */

import { CORINFO_EH_CLAUSE_FLAGS, NULL_CLASS_HANDLE, type CORINFO_EH_CLAUSE } from '../../jitee/index.js';
import { hex4 } from '../il/decode.js';
import { ILFormatError } from '../il/il-error.js';
import type { EHClauseKind } from '../ir/method.js';

export function clauseKind(clause: CORINFO_EH_CLAUSE): EHClauseKind {
  const f = clause.flags;
  if ((f & CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FILTER) !== 0) return 'filter';
  if ((f & CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FINALLY) !== 0) return 'finally';
  if ((f & CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FAULT) !== 0) return 'fault';
  return 'catch';
}

export function checkClause(clause: CORINFO_EH_CLAUSE, ilSize: number, index: number): void {
  const inRange = (start: number, length: number): boolean => start >= 0 && length > 0 && start + length <= ilSize;
  if (!inRange(clause.tryOffset, clause.tryLength) || !inRange(clause.handlerOffset, clause.handlerLength)) {
    throw new ILFormatError(`EH clause ${index} lies outside the IL (try IL_${hex4(clause.tryOffset)}+${clause.tryLength}, handler IL_${hex4(clause.handlerOffset)}+${clause.handlerLength})`);
  }
  if (clauseKind(clause) === 'filter' && (clause.classTokenOrFilterOffset < 0 || clause.classTokenOrFilterOffset >= clause.handlerOffset)) {
    throw new ILFormatError(`EH clause ${index}: filter IL_${hex4(clause.classTokenOrFilterOffset)} does not precede its handler`);
  }
}

/** True when IL offset `offset` is inside [start, start + length). */
export function within(offset: number, start: number, length: number): boolean {
  return offset >= start && offset < start + length;
}

export const NO_CATCH_CLASS = NULL_CLASS_HANDLE;
