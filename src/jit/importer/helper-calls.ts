/**
 * Emitting calls to JIT helpers whose result the importer keeps in a scratch
 * temporary or pushes.
 */

import type { CORINFO_CONST_LOOKUP, CorInfoHelpFunc } from '../../jitee/index.js';
import { InfoAccessType, formatHelper } from '../../jitee/index.js';
import { varOperand } from '../ir/method.js';
import type { CallArg, CallTarget, Operand } from '../ir/ops.js';
import type { IrType } from '../ir/types.js';
import type { ImportState } from './state.js';

/** Calls helper `helper` with `args`; the result lands in a scratch temporary of `resultType`. */
export function callHelper(s: ImportState, helper: CorInfoHelpFunc, args: readonly CallArg[], resultType: IrType): Operand {
  return callTarget(s, s.ee.helper(helper), helper, args, resultType);
}

/** Calls a ReadyToRun helper cell (getReadyToRunHelper's answer). */
export function callReadyToRunHelper(
  s: ImportState, lookup: CORINFO_CONST_LOOKUP, helper: CorInfoHelpFunc, what: string, args: readonly CallArg[], resultType: IrType,
): Operand {
  const target: CallTarget = {
    kind: 'lookup', lookup,
    info: { kind: 'helper', helper, name: `${formatHelper(helper)} (${what})`, indirect: lookup.accessType !== InfoAccessType.IAT_VALUE },
  };
  return callTarget(s, target, helper, args, resultType);
}

function callTarget(s: ImportState, target: CallTarget, helper: CorInfoHelpFunc, args: readonly CallArg[], resultType: IrType): Operand {
  const dst = s.scratch(resultType);
  s.emit({
    op: 'call',
    call: { target, args, result: { dst, type: resultType }, site: { ilOffset: s.ins.offset, helper } },
  });
  return varOperand(s.method, dst);
}

/** Calls helper `helper` for its effect only. */
export function callHelperVoid(s: ImportState, helper: CorInfoHelpFunc, args: readonly CallArg[]): void {
  s.emit({ op: 'call', call: { target: s.ee.helper(helper), args, result: undefined, site: { ilOffset: s.ins.offset, helper } } });
}

/** The address of variable-held value `operand` (copied to a scratch temporary first if it is a constant). */
export function addressOfValue(s: ImportState, operand: Operand, type: IrType, addrType: IrType): Operand {
  const v = s.inVar(operand, type);
  const dst = s.scratch(addrType);
  s.emit({ op: 'addressOf', dst, var: v.id });
  return varOperand(s.method, dst);
}
