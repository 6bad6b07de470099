/**
 * throw, rethrow, leave, endfinally and endfilter.
 *
 * Handlers are code in the method body (see codegen/README in
 * src/jit/README.md): leave runs the finally handlers it exits by calling
 * them (callFinally), leaving a catch handler first tells the runtime the
 * catch is over (CORINFO_HELP_ENDCATCH, as the x86 JIT's non-funclet model
 * does), then jumps to the target.
 */

import { CorInfoHelpFunc } from '../../jitee/index.js';
import { hex4, type ILInstruction } from '../il/decode.js';
import { ILFormatError } from '../il/il-error.js';
import { T } from '../ir/types.js';
import { clauseKind, within } from './eh-clauses.js';
import { leaveStackFor } from './import-method.js';
import type { ImportState } from './state.js';

export function importThrow(s: ImportState): void {
  const exception = s.pop();
  s.emit({
    op: 'throw',
    call: {
      target: s.ee.helper(CorInfoHelpFunc.CORINFO_HELP_THROW), args: [{ value: exception.operand, type: T.ref }], result: undefined,
      site: { ilOffset: s.ins.offset, helper: CorInfoHelpFunc.CORINFO_HELP_THROW, noReturn: true },
    },
  });
}

export function importRethrow(s: ImportState): void {
  s.emit({
    op: 'throw',
    call: {
      target: s.ee.helper(CorInfoHelpFunc.CORINFO_HELP_RETHROW), args: [], result: undefined,
      site: { ilOffset: s.ins.offset, helper: CorInfoHelpFunc.CORINFO_HELP_RETHROW, noReturn: true },
    },
  });
}

export function importLeave(s: ImportState, ins: ILInstruction, target: number): void {
  s.stack.length = 0;
  const from = ins.offset;
  const to = ins.operand;
  s.ilClauses.forEach((c, index) => {
    const kind = clauseKind(c);
    if ((kind === 'catch' || kind === 'filter') && within(from, c.handlerOffset, c.handlerLength) && !within(to, c.handlerOffset, c.handlerLength)) {
      s.emit({
        op: 'call',
        call: {
          target: s.ee.helper(CorInfoHelpFunc.CORINFO_HELP_ENDCATCH), args: [], result: undefined,
          site: { ilOffset: ins.offset, helper: CorInfoHelpFunc.CORINFO_HELP_ENDCATCH },
        },
      });
    }
    if (kind === 'finally' && within(from, c.tryOffset, c.tryLength) && !within(to, c.tryOffset, c.tryLength)) {
      s.emit({ op: 'callFinally', clause: index });
    }
  });
  leaveStackFor(s, [target]);
  s.emit({ op: 'jump', target });
}

export function importEndfinally(s: ImportState): void {
  s.stack.length = 0;
  const clause = innermostClause(s, (c) => {
    const kind = clauseKind(c);
    return (kind === 'finally' || kind === 'fault') && within(s.ins.offset, c.handlerOffset, c.handlerLength);
  });
  if (clause < 0) throw new ILFormatError(`IL_${hex4(s.ins.offset)}: endfinally outside a finally or fault handler`);
  s.emit({ op: 'endFinally', clause });
}

export function importEndfilter(s: ImportState): void {
  const value = s.pop();
  const clause = innermostClause(s, (c) => clauseKind(c) === 'filter'
    && s.ins.offset >= c.classTokenOrFilterOffset && s.ins.offset < c.handlerOffset);
  if (clause < 0) throw new ILFormatError(`IL_${hex4(s.ins.offset)}: endfilter outside a filter`);
  s.emit({ op: 'endFilter', clause, value: value.operand });
}

function innermostClause(s: ImportState, test: (c: (typeof s.ilClauses)[number]) => boolean): number {
  for (let i = 0; i < s.ilClauses.length; i++) if (test(s.ilClauses[i]!)) return i;
  return -1;
}
