/**
 * Hand-made compile results for the near differ's tests: real x64 code from
 * the backend's emitter (a frame, the calls and bodies a test asks for, an
 * epilog) with relocations, GC safe points, an IL-to-native map and unwind
 * info derived the way the model JIT derives them.
 */

import {
  CorJitResult, MappingTypes, SourceTypes, codeAddress, methodHandle,
  type CORINFO_EH_CLAUSE, type CompileSuccess, type GcSlot, type InlinedCallSite, type NativeVarInfo,
} from '../../src/jitee/index.js';
import { relocationsOf, unwindInfoOf } from '../../src/jit/compile/result-parts.js';
import type { TargetInfo } from '../../src/jit/ir/ops.js';
import { Register, X64Emitter, buildUnwindInfo, emitEpilog, emitProlog, imm, planFrame, qwordPtr } from '../../src/jit/x64/index.js';

export const CODE_ADDRESS = 0x7ff6_2000_0000n;

export type Step =
  /** A call to `target` (direct, or through its cell when `target.indirect`). */
  | { readonly op: 'call'; readonly target: TargetInfo; readonly address: bigint }
  /** The body of an inlined CaptureContexts: copy the thread's two context fields into locals. */
  | { readonly op: 'inline-capture' }
  /** Pass the addresses of the two context locals, as a call to CaptureContexts does. */
  | { readonly op: 'context-args' }
  /** An instruction with no relocation, to make code differ. */
  | { readonly op: 'filler'; readonly value: number }
  /** lea rax, [rip+X] with X inside the method's own code (a resume address). */
  | { readonly op: 'own-address'; readonly offset: number };

export interface ResultSpec {
  readonly steps: readonly Step[];
  readonly codeAddress?: bigint;
  readonly localsSize?: number;
  readonly ehClauses?: readonly CORINFO_EH_CLAUSE[];
  readonly gcSlots?: readonly GcSlot[];
  readonly vars?: readonly NativeVarInfo[];
  readonly inlinees?: readonly InlinedCallSite[];
  readonly methodName?: string;
}

const R = Register;

export function makeResult(spec: ResultSpec): CompileSuccess {
  const address = spec.codeAddress ?? CODE_ADDRESS;
  const e = new X64Emitter<TargetInfo>();
  const layout = planFrame({ localsSize: spec.localsSize ?? 32, outgoingArgumentBytes: 32 });
  const prolog = emitProlog(e, layout);
  const afterCalls: number[] = [];
  const callStarts: number[] = [];
  for (const step of spec.steps) {
    switch (step.op) {
      case 'call':
        callStarts.push(e.position);
        if (step.target.indirect === true) e.callIndirectCell(step.address, step.target);
        else e.callDirect(step.address, step.target);
        afterCalls.push(e.position);
        break;
      case 'inline-capture':
        e.mov(R.RAX, qwordPtr(R.RCX, 0x20));
        e.mov(qwordPtr(R.RBP, -0x08), R.RAX);
        e.mov(R.RAX, qwordPtr(R.RCX, 0x28));
        e.mov(qwordPtr(R.RBP, -0x10), R.RAX);
        break;
      case 'context-args':
        e.lea(R.RCX, qwordPtr(R.RBP, -0x08));
        e.lea(R.RDX, qwordPtr(R.RBP, -0x10));
        break;
      case 'filler':
        e.mov(R.EAX, imm(step.value));
        break;
      case 'own-address':
        e.leaRipRelative(R.RAX, address + BigInt(step.offset), { kind: 'code', name: 'resume' });
        break;
    }
  }
  const epilogStart = e.position;
  emitEpilog(e, layout);
  const emitted = e.finalize(address);
  const unwind = buildUnwindInfo(prolog, emitted.instructionOffsets);
  const offsets = emitted.instructionOffsets;
  const boundaries = [
    { nativeOffset: 0, ilOffset: MappingTypes.PROLOG, source: SourceTypes.STACK_EMPTY },
    ...callStarts.map((p, i) => ({ nativeOffset: offsets[p]!, ilOffset: i * 5, source: SourceTypes.CALL_SITE })),
    { nativeOffset: offsets[epilogStart]!, ilOffset: MappingTypes.EPILOG, source: SourceTypes.STACK_EMPTY },
  ];
  const slots = spec.gcSlots ?? [];
  return {
    ok: true,
    result: CorJitResult.CORJIT_OK,
    method: methodHandle(0x1000n),
    methodName: spec.methodName ?? 'Program:Sample():int',
    blocks: { hotCodeBlock: codeAddress(address), coldCodeBlock: codeAddress(0n), roDataBlock: codeAddress(0n) },
    code: emitted.code,
    coldCode: new Uint8Array(0),
    roData: new Uint8Array(0),
    relocations: relocationsOf(emitted),
    ehClauses: spec.ehClauses ?? [],
    boundaries,
    vars: spec.vars ?? [],
    gcInfo: {
      codeSize: emitted.codeSize,
      frameRegister: 'rbp',
      fullyInterruptible: false,
      slots,
      untrackedSlots: slots.map((_, i) => i),
      safePoints: afterCalls.map((p) => ({ codeOffset: offsets[p]!, liveSlots: [] })),
    },
    unwindInfo: [unwindInfoOf(unwind, emitted.codeSize)],
    metrics: {
      codeSize: emitted.codeSize,
      prologSize: unwind.sizeOfProlog,
      instructionCount: emitted.instructionCount,
      perfScore: emitted.perfScore,
      allocatedCodeBytes: emitted.codeSize,
    },
    ...(spec.inlinees === undefined ? {} : { inlinees: spec.inlinees }),
  };
}

/** The cells and targets the tests call. */
export const TARGETS = {
  captureMethod: {
    target: { kind: 'method', handle: 0x5001n, indirect: true, name: 'System.Runtime.CompilerServices.AsyncHelpers:CaptureContexts(byref,byref)' },
    address: 0x7ff6_1000_0100n,
  },
  captureHelper: {
    target: { kind: 'helper', helper: 197, indirect: true, name: 'CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS' },
    address: 0x7ff6_1000_0200n,
  },
  restoreMethod: {
    target: { kind: 'method', handle: 0x5002n, indirect: true, name: 'System.Runtime.CompilerServices.AsyncHelpers:RestoreContexts(bool,System.Threading.ExecutionContext,System.Threading.SynchronizationContext)' },
    address: 0x7ff6_1000_0108n,
  },
  restoreHelper: {
    target: { kind: 'helper', helper: 198, indirect: true, name: 'CORINFO_HELP_ASYNC_RESTORE_CONTEXTS' },
    address: 0x7ff6_1000_0208n,
  },
  newObj: {
    target: { kind: 'helper', helper: 1, indirect: false, name: 'CORINFO_HELP_NEWSFAST' },
    address: 0x7ff6_1800_0000n,
  },
  consoleWrite: {
    target: { kind: 'method', handle: 0x6001n, indirect: false, name: 'System.Console:WriteLine(int)' },
    address: 0x7ff6_1900_0000n,
  },
} as const satisfies Record<string, { target: TargetInfo; address: bigint }>;

export function call(name: keyof typeof TARGETS): Step {
  const t = TARGETS[name];
  return { op: 'call', target: t.target, address: t.address };
}

/** A call to the target itself rather than through its cell. */
export function directCall(name: keyof typeof TARGETS): Step {
  const t = TARGETS[name];
  return { op: 'call', target: { ...t.target, indirect: false }, address: t.address };
}

/** The same result moved to another address (as if allocMem had answered differently). */
export function atAddress(spec: ResultSpec, address: bigint): CompileSuccess {
  return makeResult({ ...spec, codeAddress: address });
}
