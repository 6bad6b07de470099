/**
 * A small hand-made EE for unit tests of the JIT: one method given by its IL
 * bytes and primitive signature, answered by a Proxy. Queries the test does
 * not provide throw "unexpected query", so a test sees exactly what the JIT
 * asks.
 */

import {
  CompileReportCollector, CorInfoCallConv, CorInfoMethodFlags, CorInfoRegionKind, CorInfoType, InfoAccessType, RelocType,
  argListHandle, classHandle, codeAddress, methodHandle, moduleHandle, type CORINFO_EH_CLAUSE, type CORINFO_EE_INFO,
  type CORINFO_METHOD_INFO, type CORINFO_SIG_INFO, type CorInfoQueries, type JitInterface,
} from '../../src/jitee/index.js';

export const FAKE_METHOD = methodHandle(0x3000_0000_0010n);
export const FAKE_MODULE = moduleHandle(0x1000_0000_0010n);
export const FAKE_CLASS = classHandle(0x2000_0000_0010n);
export const FAKE_CODE_ADDRESS = codeAddress(0x7ff6_2000_0000n);
export const FAKE_HELPER_BASE = 0x7ff6_0000_0000n;

export interface FakeMethodSpec {
  readonly il: readonly number[];
  /** IL argument types (without this). */
  readonly args?: readonly CorInfoType[];
  readonly ret?: CorInfoType;
  readonly locals?: readonly CorInfoType[];
  readonly hasThis?: boolean;
  readonly eh?: readonly CORINFO_EH_CLAUSE[];
  readonly initLocals?: boolean;
  /** Answers beyond the basic ones (override them too). */
  readonly queries?: Partial<CorInfoQueries>;
}

export const FAKE_EE_INFO: CORINFO_EE_INFO = {
  inlinedCallFrameInfo: {
    size: 0, offsetOfGSCookie: 0, offsetOfFrameVptr: 0, offsetOfFrameLink: 0, offsetOfCallSiteSP: 0,
    offsetOfCalleeSavedFP: 0, offsetOfCallTarget: 0, offsetOfReturnAddress: 0, offsetOfSPAfterProlog: 0,
  },
  offsetOfThreadFrame: 0, offsetOfGCState: 0, offsetOfDelegateInstance: 8, offsetOfDelegateFirstTarget: 24,
  offsetOfWrapperDelegateIndirectCell: 0, sizeOfReversePInvokeFrame: 0, osPageSize: 4096,
  maxUncheckedOffsetForNullObject: 4096, targetAbi: 0x200, osType: 0, pointerSize: 8, sizeOfObjectHeader: 8,
  offsetOfArrayLength: 8, offsetOfObjArrayData: 16, offsetOfStringLength: 8, offsetOfStringFirstChar: 12,
};

function sig(types: readonly CorInfoType[], ret: CorInfoType, hasThis: boolean, base: number, local: boolean): CORINFO_SIG_INFO {
  return {
    callConv: (local ? CorInfoCallConv.CORINFO_CALLCONV_LOCAL_SIG : 0) | (hasThis ? CorInfoCallConv.CORINFO_CALLCONV_HASTHIS : 0),
    retTypeClass: 0n as never, retTypeSigClass: 0n as never, retType: ret, flags: 0, numArgs: types.length,
    sigInst: { classInst: [], methInst: [] }, args: argListHandle(base), pSig: new Uint8Array(0), scope: FAKE_MODULE, token: 0,
  };
}

export interface FakeCompile {
  readonly ji: JitInterface;
  readonly info: CORINFO_METHOD_INFO;
  readonly collector: CompileReportCollector;
  /** Names of the queries asked, in order. */
  readonly asked: string[];
}

export function fakeMethod(spec: FakeMethodSpec): FakeCompile {
  const argTypes = spec.args ?? [];
  const localTypes = spec.locals ?? [];
  const ARGS_BASE = 0x5000_0000;
  const LOCALS_BASE = 0x6000_0000;
  const info: CORINFO_METHOD_INFO = {
    ftn: FAKE_METHOD, scope: FAKE_MODULE, ILCode: Uint8Array.from(spec.il), maxStack: 8, EHcount: spec.eh?.length ?? 0,
    options: spec.initLocals === false ? 0 : 0x10, regionKind: CorInfoRegionKind.CORINFO_REGION_JIT,
    args: sig(argTypes, spec.ret ?? CorInfoType.CORINFO_TYPE_VOID, spec.hasThis ?? false, ARGS_BASE, false),
    locals: sig(localTypes, CorInfoType.CORINFO_TYPE_VOID, false, LOCALS_BASE, true),
  };
  const collector = new CompileReportCollector(() => ({ hotCodeBlock: FAKE_CODE_ADDRESS, coldCodeBlock: 0n as never, roDataBlock: 0n as never }));
  const asked: string[] = [];
  const basic: Partial<CorInfoQueries> = {
    getMethodNameFromMetadata: () => ({ methodName: 'Test', className: 'Fake', namespaceName: 'Tests', enclosingClassNames: [] }),
    getArgNext: (h) => argListHandle(h + 8n),
    getArgType: (s, h) => {
      const base = s.args;
      const index = Number(h - base) / 8;
      const list = base === argListHandle(LOCALS_BASE) ? localTypes : argTypes;
      return { type: list[index]!, argClass: 0n as never };
    },
    getEHinfo: (_ftn, n) => spec.eh![n]!,
    getEEInfo: () => FAKE_EE_INFO,
    getHelperFtn: (helper) => ({ lookup: { accessType: InfoAccessType.IAT_VALUE, handle: codeAddress(FAKE_HELPER_BASE + BigInt(helper) * 0x40n) }, method: 0n as never }),
    getRelocTypeHint: (target) => (target >= 0x7ff0_0000_0000n ? RelocType.IMAGE_REL_BASED_REL32 : RelocType.IMAGE_REL_BASED_DIR64),
    getMethodHash: () => 0x1234_5678,
    getMethodAttribs: () => CorInfoMethodFlags.CORINFO_FLG_STATIC,
    getMethodClass: () => FAKE_CLASS,
    getClassName: (cls) => (cls === FAKE_CLASS ? 'Tests.Fake' : `Class${cls}`),
    getClassAttribs: () => 0,
    ...spec.queries,
  };
  const ji = new Proxy({ interfaceVersion: 'base' } as JitInterface, {
    get(_target, prop: string) {
      if (prop === 'interfaceVersion') return 'base';
      const sinkMethod = (collector as unknown as Record<string, unknown>)[prop];
      if (typeof sinkMethod === 'function') return sinkMethod.bind(collector);
      const answer = (basic as Record<string, unknown>)[prop];
      if (typeof answer === 'function') {
        return (...args: unknown[]) => {
          asked.push(prop);
          return (answer as (...a: unknown[]) => unknown)(...args);
        };
      }
      if (prop === 'then') return undefined;
      return () => {
        throw new Error(`unexpected query ${prop}`);
      };
    },
  });
  return { ji, info, collector, asked };
}

/** IL opcodes by name for building test methods. */
export { OP } from '../../src/jit/il/opcodes.js';

/** Little-endian bytes of a 32-bit value (branch offsets, tokens). */
export function i32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}
