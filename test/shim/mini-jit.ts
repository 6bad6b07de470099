/**
 * A tiny JIT for shim and replay tests: it asks a realistic mix of queries
 * (including the async context calls, the base way or the diff way), and
 * turns every answer it gets into bytes of its "code", so any difference in
 * answers between live and replay shows up in the CompileResult.
 */

import {
  type CORINFO_ASYNC_INFO_BASE,
  type CompileResult,
  CorInfoHelpFunc,
  CorInfoInline,
  CorInfoTokenKind,
  CorJitResult,
  EMPTY_GC_INFO,
  type InterfaceVersionId,
  type JitModule,
  RelocType,
  codeAddress,
  failureFromEEError,
  isEEError,
  methodContext,
} from '../../src/jitee/index.js';

class CodeBuffer {
  readonly bytes: number[] = [];
  u32(n: number): void {
    for (let i = 0; i < 4; i++) this.bytes.push((n >>> (8 * i)) & 0xff);
  }
  u64(v: bigint): void {
    for (let i = 0n; i < 8n; i++) this.bytes.push(Number((v >> (8n * i)) & 0xffn));
  }
}

export function miniJit(version: InterfaceVersionId): JitModule {
  return {
    name: `mini-${version}`,
    interfaceVersion: version,
    compileMethod(ee, info, _flags, options): CompileResult {
      try {
        const code = new CodeBuffer();
        code.u32(ee.getMethodAttribs(info.ftn));
        const sig = ee.getMethodSig(info.ftn);
        code.u32(sig.numArgs);
        code.u32(ee.getArgType(sig, sig.args).type);
        const token = ee.resolveToken({
          tokenContext: methodContext(info.ftn),
          tokenScope: info.scope,
          token: Number(options['token'] ?? 0x0a00_0012),
          tokenType: CorInfoTokenKind.CORINFO_TOKENKIND_Method,
        });
        const call = ee.getCallInfo(token, null, info.ftn, 0);
        code.u64(call.hMethod);
        const callee = ee.getFunctionEntryPoint(call.hMethod, 0);
        const calleeAt = code.bytes.length;
        code.u64(callee.handle);

        const asyncInfo = ee.getAsyncInfo();
        code.u64(asyncInfo.continuationClsHnd);
        const capture =
          version === 'base'
            ? ee.getFunctionEntryPoint((asyncInfo as CORINFO_ASYNC_INFO_BASE).captureContextsMethHnd, 0)
            : ee.getHelperFtn(CorInfoHelpFunc.CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS).lookup;
        code.u64(capture.handle);
        code.u64(ee.getHelperFtn(CorInfoHelpFunc.CORINFO_HELP_THROW).lookup.handle);
        ee.reportInliningDecision(info.ftn, call.hMethod, CorInfoInline.INLINE_FAIL, 'the mini JIT never inlines');
        code.u32(ee.getClassSize(ee.getMethodClass(info.ftn)));
        const name = ee.getMethodNameFromMetadata(info.ftn);
        for (let i = 0; i < Number(options['pad'] ?? 0); i++) code.bytes.push(0x90);

        const blocks = ee.allocMem({ hotCodeSize: code.bytes.length, coldCodeSize: 0, roDataSize: 8, xcptnsCount: 0, flag: 0 });
        code.u64(blocks.hotCodeBlock);
        const relocation = {
          block: 'hot' as const,
          offset: calleeAt,
          type: RelocType.IMAGE_REL_BASED_DIR64,
          target: callee.handle,
          addlDelta: 0,
          targetKind: 'method' as const,
          targetHandle: call.hMethod,
        };
        ee.recordRelocation(codeAddress(blocks.hotCodeBlock + BigInt(calleeAt)), callee.handle, relocation.type, 0);
        ee.setEHcount(0);
        return {
          ok: true,
          result: CorJitResult.CORJIT_OK,
          method: info.ftn,
          methodName: `${name.namespaceName}.${name.className}:${name.methodName}`,
          blocks,
          code: Uint8Array.from(code.bytes),
          coldCode: new Uint8Array(0),
          roData: new Uint8Array(8),
          relocations: [relocation],
          ehClauses: [],
          boundaries: [],
          vars: [],
          gcInfo: EMPTY_GC_INFO,
          unwindInfo: [],
          metrics: { codeSize: code.bytes.length, prologSize: 0, instructionCount: 1 },
        };
      } catch (err) {
        if (isEEError(err)) return failureFromEEError(err);
        throw err;
      }
    },
  };
}
