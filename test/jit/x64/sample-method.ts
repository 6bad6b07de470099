import {
  Register, X64Emitter, dwordPtr, emitEpilog, emitProlog, imm, incomingArgumentRbpOffset, planFrame, qwordPtr,
  ripRelative, type EmittedProlog, type FrameLayout, type Label,
} from '../../../src/jit/x64/index.js';

const { RAX, RBP, RCX, RDX, EAX, EDX, XMM0 } = Register;

/** What a relocation in the sample refers to; the listing prints `name`. */
export interface SampleTag {
  readonly name: string;
}

export const SAMPLE_CODE_ADDRESS = 0x7ff7_4000_1000n;
export const NEWSFAST_HELPER = 0x7ff7_4100_2000n;
export const CAPTURE_CONTEXTS_CELL = 0x7ff7_4200_0100n;
export const STRING_CLASS_HANDLE = 0x7ff7_3c5a_8e20n;
export const COUNT_STATIC = 0x7ff7_4200_0800n;

export interface SampleMethod {
  readonly emitter: X64Emitter<SampleTag>;
  readonly layout: FrameLayout;
  readonly prolog: EmittedProlog;
  readonly labels: readonly Label[];
  readonly epilogPosition: number;
}

/**
 * A small Tier0-style method: homes its arguments, zero-inits locals,
 * captures contexts through an indirection cell, allocates an object through
 * a helper, runs a counted loop, reads a static and does some double math.
 */
export function buildSampleMethod(): SampleMethod {
  const e = new X64Emitter<SampleTag>();
  const layout = planFrame({ localsSize: 24, outgoingArgumentBytes: 32 });
  const prolog = emitProlog(e, layout);
  const local = (i: number): number => layout.localsRbpOffset + 8 * i;
  const arg0 = incomingArgumentRbpOffset(layout, 0);
  const arg1 = incomingArgumentRbpOffset(layout, 1);

  e.mov(qwordPtr(RBP, arg0), RCX);
  e.mov(dwordPtr(RBP, arg1), EDX);
  e.zero(EAX);
  e.mov(qwordPtr(RBP, local(0)), RAX);
  e.mov(qwordPtr(RBP, local(1)), RAX);
  e.mov(qwordPtr(RBP, local(2)), RAX);

  e.lea(RCX, qwordPtr(RBP, local(1)));
  e.lea(RDX, qwordPtr(RBP, local(2)));
  e.callIndirectCell(CAPTURE_CONTEXTS_CELL, { name: 'CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS' });

  e.movImm64Handle(RCX, STRING_CLASS_HANDLE, { name: 'System.String' });
  e.callDirect(NEWSFAST_HELPER, { name: 'CORINFO_HELP_NEWSFAST' });
  e.mov(qwordPtr(RBP, local(0)), RAX);

  const loop = e.newLabel();
  const done = e.newLabel();
  e.mov(dwordPtr(RBP, local(1)), imm(0));
  e.bindLabel(loop);
  e.mov(EAX, dwordPtr(RBP, local(1)));
  e.cmp(EAX, dwordPtr(RBP, arg1));
  e.jcc('ge', done);
  e.add(dwordPtr(RBP, local(1)), imm(3));
  e.jmp(loop);

  e.bindLabel(done);
  e.mov(EAX, ripRelative(4, COUNT_STATIC, { name: 'Program:s_count' }));
  e.cmp(ripRelative(4, COUNT_STATIC, { name: 'Program:s_count' }), imm(5));
  e.setcc('g', Register.AL);
  e.movzx(EAX, Register.AL);
  e.cvtsi2sd(XMM0, EAX);
  e.mulsd(XMM0, XMM0);
  e.cvttsd2si(EAX, XMM0);

  const epilogPosition = e.position;
  emitEpilog(e, layout);
  return { emitter: e, layout, prolog, labels: [loop, done], epilogPosition };
}
