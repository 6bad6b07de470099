/** Runtime-wide answers: EE layout constants, the async info of the served version, the resumption stub. */

import {
  CORINFO_OS,
  CORINFO_RUNTIME_ABI,
  type CORINFO_ASYNC_INFO,
  type CORINFO_EE_INFO,
  type CORINFO_METHOD_HANDLE,
  EEError,
  asyncInfoForVersion,
} from '../jitee/index.js';
import { continuationClass } from './async-info-builder.js';
import type { CompileContext } from './compile-context.js';
import { OBJECT_HEADER_SIZE, POINTER_SIZE, instanceLayout } from './field-layout.js';
import type { MethodSignature } from './member-desc.js';
import type { Runtime } from './runtime.js';

/** Model values for the frame layouts a JIT builds inline (no real runtime is behind them). */
const INLINED_CALL_FRAME = {
  size: 0x50,
  offsetOfGSCookie: 0x00,
  offsetOfFrameVptr: 0x08,
  offsetOfFrameLink: 0x10,
  offsetOfCallSiteSP: 0x20,
  offsetOfCalleeSavedFP: 0x28,
  offsetOfCallTarget: 0x30,
  offsetOfReturnAddress: 0x38,
  offsetOfSPAfterProlog: 0x40,
} as const;

const OS_PAGE_SIZE = 0x1000;

const eeInfos = new WeakMap<Runtime, CORINFO_EE_INFO>();

/** Offset of the first instance field of a corlib class named one of `names`, or `fallback`. */
function corlibFieldOffset(rt: Runtime, typeName: string, names: readonly string[], fallback: number): number {
  const t = rt.ts.tryCorlibType('System', typeName);
  if (!t) return fallback;
  try {
    const layout = instanceLayout(rt.ts, t);
    for (const f of rt.ts.instanceFields(t)) if (names.includes(f.name)) return layout.fieldOffsets.get(f) ?? fallback;
  } catch (err) {
    if (!(err instanceof EEError)) throw err;
  }
  return fallback;
}

export function getEEInfo(c: CompileContext): CORINFO_EE_INFO {
  const rt = c.rt;
  let info = eeInfos.get(rt);
  if (!info) {
    info = {
      inlinedCallFrameInfo: INLINED_CALL_FRAME,
      offsetOfThreadFrame: 0x10,
      offsetOfGCState: 0x0c,
      offsetOfDelegateInstance: corlibFieldOffset(rt, 'Delegate', ['_target', 'm_target'], 8),
      offsetOfDelegateFirstTarget: corlibFieldOffset(rt, 'Delegate', ['_methodPtr', 'method_ptr'], 16),
      offsetOfWrapperDelegateIndirectCell: 0,
      sizeOfReversePInvokeFrame: 0x20,
      osPageSize: OS_PAGE_SIZE,
      maxUncheckedOffsetForNullObject: OS_PAGE_SIZE / 2 - 1,
      targetAbi: CORINFO_RUNTIME_ABI.CORINFO_CORECLR_ABI,
      // The model JIT follows the Windows x64 calling convention.
      osType: CORINFO_OS.CORINFO_WINNT,
      pointerSize: POINTER_SIZE,
      sizeOfObjectHeader: OBJECT_HEADER_SIZE,
      offsetOfArrayLength: POINTER_SIZE,
      offsetOfObjArrayData: 2 * POINTER_SIZE,
      offsetOfStringLength: corlibFieldOffset(rt, 'String', ['_stringLength', 'm_stringLength'], 8),
      offsetOfStringFirstChar: corlibFieldOffset(rt, 'String', ['_firstChar', 'm_firstChar'], 12),
    };
    eeInfos.set(rt, info);
  }
  return info;
}

export function getAsyncInfo(c: CompileContext): CORINFO_ASYNC_INFO {
  return asyncInfoForVersion(c.rt.asyncInfo(), c.version.id);
}

/**
 * The stub the runtime calls to resume a suspended runtime-async method: a
 * synthetic static method of the compiled method's class, one per compiled
 * method, `Continuation Resume(Continuation)`.
 */
export function getAsyncResumptionStub(c: CompileContext): CORINFO_METHOD_HANDLE {
  const { rt, ts, root } = c;
  const cont = continuationClass(rt);
  const signature: MethodSignature = {
    callingConvention: 0,
    hasThis: false,
    explicitThis: false,
    genericParamCount: 0,
    returnType: cont,
    params: [cont],
    sentinelIndex: -1,
    module: root.def?.module ?? rt.corlib,
    blob: new Uint8Array(0),
    token: 0,
  };
  return rt.methodHandle(ts.syntheticMethod(root.owner, 'resumptionStub', 'ResumptionStub', `resume(${root.key})`, signature));
}
