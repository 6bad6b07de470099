/**
 * Synchronized methods (MethodImplOptions.Synchronized): the body runs
 * holding the monitor of `this` (or of the class, for static methods).
 *
 *     entry:   lockTaken = 0; CORINFO_HELP_MON_ENTER(lock, &lockTaken)
 *     try {    <the body; every return stores its value and leaves> }
 *     finally { CORINFO_HELP_MON_EXIT(lock, &lockTaken) }   // the helper checks lockTaken
 *     return:  return <value>
 *
 * A static method locks on its class handle (the model's stand-in for the
 * class's Type object), taken from the generic context when the method
 * gets its class that way.
 */

import {
  CorInfoHelpFunc, CorInfoMethodFlags, CorInfoOptions, InfoAccessType, sigHasThis,
} from '../../jitee/index.js';
import type { PassContext } from '../compile/compile-method.js';
import { newVar, varOperand } from '../ir/method.js';
import type { Operand } from '../ir/ops.js';
import { T } from '../ir/types.js';
import { addEntryBlock, wrapBodyInTry } from '../ir/wrap-body.js';

export function synchronizedMethods(context: PassContext): void {
  const { jit, ee, method, info } = context;
  if ((jit.getMethodAttribs(info.ftn) & CorInfoMethodFlags.CORINFO_FLG_SYNCHRONIZED) === 0) return;
  const entry = addEntryBlock(method);
  const jump = entry.ops.pop()!;
  const lockTaken = newVar(method, 'temp', T.u1).id;
  const lockTakenAddress = newVar(method, 'temp', T.byref).id;
  let lock: Operand;
  if (sigHasThis(info.args)) {
    lock = varOperand(method, method.abiArgs[0]!);
  } else if (method.genericContext >= 0 && (info.options & CorInfoOptions.CORINFO_GENERICS_CTXT_FROM_METHODTABLE) !== 0) {
    lock = varOperand(method, method.genericContext);
  } else {
    const cls = ee.methodClass(info.ftn);
    const lookup = jit.embedClassHandle(cls);
    const handle = ee.handleOperand(lookup.handle, { kind: 'class', handle: cls, name: ee.className(cls), indirect: lookup.accessType !== InfoAccessType.IAT_VALUE });
    if (lookup.accessType === InfoAccessType.IAT_VALUE) {
      lock = handle;
    } else {
      const loaded = newVar(method, 'temp', T.i).id;
      entry.ops.push({ op: 'load', dst: loaded, addr: handle, offset: 0, type: T.i });
      lock = varOperand(method, loaded);
    }
  }
  const monitorCall = (helper: typeof CorInfoHelpFunc.CORINFO_HELP_MON_ENTER | typeof CorInfoHelpFunc.CORINFO_HELP_MON_EXIT) => ({
    op: 'call' as const,
    call: {
      target: ee.helper(helper),
      args: [{ value: lock, type: T.ref }, { value: varOperand(method, lockTakenAddress), type: T.byref }],
      result: undefined,
      site: { ilOffset: -1, helper },
    },
  });
  entry.ops.push(
    { op: 'zeroVar', var: lockTaken },
    { op: 'addressOf', dst: lockTakenAddress, var: lockTaken },
    monitorCall(CorInfoHelpFunc.CORINFO_HELP_MON_ENTER),
    jump,
  );
  const wrapped = wrapBodyInTry(method, 'finally');
  wrapped.handler.ops.push(
    { op: 'addressOf', dst: lockTakenAddress, var: lockTaken },
    monitorCall(CorInfoHelpFunc.CORINFO_HELP_MON_EXIT),
    { op: 'endFinally', clause: wrapped.clause },
  );
}
