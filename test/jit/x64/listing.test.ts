import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../golden.js';
import {
  LISTING_SEPARATOR, Register, X64Emitter, buildUnwindInfo, disassemble, dwordPtr, formatImmediate, formatListing, formatPerfScore, imm,
  indexed, qwordPtr, ripRelative, symbolsFromRelocations, xmmwordPtr,
} from '../../../src/jit/x64/index.js';
import { buildSampleMethod, SAMPLE_CODE_ADDRESS } from './sample-method.js';

const R = Register;
const CODE_ADDRESS = 0x7ff6_0000_0000n;
const SAMPLE_NAME = 'Program:Sample(System.Object,int):this (Tier0)';
const SAMPLE_HASH = 0x5a3c_91e7;

function expectGoldenFile(actual: string, fileName: string): void {
  expectGolden(actual, fileURLToPath(new URL(fileName, import.meta.url)));
}

function sampleListing() {
  const { emitter, prolog, labels, epilogPosition } = buildSampleMethod();
  const result = emitter.finalize(SAMPLE_CODE_ADDRESS);
  const unwind = buildUnwindInfo(prolog, result.instructionOffsets);
  const text = formatListing({
    methodName: SAMPLE_NAME,
    code: result.code,
    codeAddress: result.codeAddress,
    prologSize: unwind.sizeOfProlog,
    methodHash: SAMPLE_HASH,
    groupStarts: [...labels.map((l) => result.labelOffsets[l]!), result.instructionOffsets[epilogPosition]!],
    symbols: symbolsFromRelocations(result.relocations, (tag) => tag.name),
  });
  return { text, result, unwind };
}

describe('.dasm listing', () => {
  it('matches the golden listing of the sample method', () => {
    expectGoldenFile(sampleListing().text, 'sample-method.dasm');
  });

  it('has the RyuJIT layout and totals that agree with the emitter', () => {
    const { text, result, unwind } = sampleListing();
    const lines = text.split('\n');
    expect(lines[0]).toBe(`; Assembly listing for method ${SAMPLE_NAME}`);
    expect(lines.slice(1, 4)).toEqual(['; Emitting BLENDED_CODE for X64 - Windows', '; Tier0 code', '; rbp based frame']);
    expect(lines[4]).toBe('');
    expect(lines[5]).toMatch(/^G_M37351_IG01: +;; offset=0x0000$/);
    expect(lines.at(-3)).toBe(
      `; Total bytes of code ${result.codeSize}, prolog size ${unwind.sizeOfProlog}, PerfScore ${formatPerfScore(result.perfScore)}, `
      + `instruction count ${result.instructionCount}, allocated bytes for code ${result.codeSize} (MethodHash=5a3c91e7) for method ${SAMPLE_NAME}`,
    );
    expect(lines.at(-2)).toBe(LISTING_SEPARATOR);
    const instructionLines = lines.filter((l) => /^ {7}\S/.test(l));
    expect(instructionLines).toHaveLength(result.instructionCount);
    // Group sizes add up to the code size.
    const sizes = lines.flatMap((l) => /;; size=(\d+)/.exec(l)?.[1] ?? []).map(Number);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(result.codeSize);
    expect(text).toContain('       call     [CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS]');
    expect(text).toContain('       call     CORINFO_HELP_NEWSFAST');
    expect(text).toMatch(/ {7}mov {6}rcx, 0x7FF73C5A8E20 {6}; System\.String/);
    expect(text).toContain('       mov      eax, dword ptr [Program:s_count]');
    expect(text).toMatch(/ {7}jge {6}SHORT G_M37351_IG04/);
  });
});

describe('instruction text', () => {
  const textOf = (build: (e: X64Emitter<string>) => void, names: Record<string, string> = {}): string[] => {
    const e = new X64Emitter<string>();
    build(e);
    const result = e.finalize(CODE_ADDRESS);
    return disassemble(result.code, CODE_ADDRESS, { symbols: symbolsFromRelocations(result.relocations, (tag) => names[tag]) })
      .map((l) => l.text);
  };

  it('pads mnemonics and displacements like RyuJIT', () => {
    expect(textOf((e) => {
      e.mov(R.RAX, qwordPtr(R.RBP, -8));
      e.mov(dwordPtr(R.RSP, 0x120), R.R8D);
      e.lea(R.RCX, indexed(8, R.RDX, R.R9, 4, 0x10));
      e.movaps(R.XMM6, xmmwordPtr(R.RSP, 0x20));
      e.mov(R.RCX, qwordPtr(R.RAX, 0));
      e.mov(R.R11, indexed(8, R.RAX, R.RCX, 1, 0));
      e.cvttsd2si(R.EAX, R.XMM0);
      e.ret();
    })).toEqual([
      'mov      rax, qword ptr [rbp-0x08]',
      'mov      dword ptr [rsp+0x120], r8d',
      'lea      rcx, [rdx+r9*4+0x10]',
      'movaps   xmm6, xmmword ptr [rsp+0x20]',
      'mov      rcx, qword ptr [rax]',
      'mov      r11, qword ptr [rax+rcx]',
      'cvttsd2si eax, xmm0',
      'ret',
    ]);
  });

  it('prints small immediates in decimal and large ones in hex', () => {
    expect(textOf((e) => {
      e.sub(R.RSP, imm(48));
      e.and(R.EAX, imm(-8));
      e.mov(R.ECX, imm(999));
      e.mov(R.ECX, imm(1000));
      e.mov(R.RAX, imm(-0x10000));
      e.mov(R.RAX, imm(-0x1000_0000));
      e.shl(R.RAX, imm(3));
      e.mov(R.SIL, imm(-1));
    })).toEqual([
      'sub      rsp, 48',
      'and      eax, -8',
      'mov      ecx, 999',
      'mov      ecx, 0x3E8',
      'mov      rax, -0x10000',
      'mov      rax, 0xFFFFFFFFF0000000',
      'shl      rax, 3',
      'mov      sil, -1',
    ]);
    expect(formatImmediate(-999n)).toBe('-999');
    expect(formatImmediate(-1000n)).toBe('-0x3E8');
  });

  it('names calls, cells, statics and handles when the caller knows them, else prints addresses', () => {
    const names = { helper: 'CORINFO_HELP_NEWSFAST', cell: '[System.Console:WriteLine(int)]', handle: 'System.String', data: 'RWD00' };
    expect(textOf((e) => {
      e.callDirect(CODE_ADDRESS + 0x1000n, 'helper');
      e.callIndirectCell(CODE_ADDRESS + 0x2000n, 'cell');
      e.movImm64Handle(R.RCX, 0x7ff6_3c00_0010n, 'handle');
      e.lea(R.RDX, ripRelative(8, CODE_ADDRESS + 0x3000n, 'data'));
      e.movsd(R.XMM0, ripRelative(8, CODE_ADDRESS + 0x3008n, 'data'));
      e.callDirect(CODE_ADDRESS + 0x4000n, 'anonymous');
      e.callIndirectCell(CODE_ADDRESS + 0x5000n, 'anonymous');
      e.movImm64Handle(R.RDX, 0x7ff6_3c00_0020n, 'anonymous');
      e.callIndirect(R.RAX);
      e.callIndirect(qwordPtr(R.RAX, 0x40));
    }, names)).toEqual([
      'call     CORINFO_HELP_NEWSFAST',
      'call     [System.Console:WriteLine(int)]',
      'mov      rcx, 0x7FF63C000010      ; System.String',
      'lea      rdx, [RWD00]',
      'movsd    xmm0, qword ptr [RWD00]',
      'call     0x7FF600004000',
      'call     [0x7FF600005000]',
      'mov      rdx, 0x7FF63C000020',
      'call     rax',
      'call     qword ptr [rax+0x40]',
    ]);
  });

  it('labels branches inside the method and marks short ones', () => {
    const e = new X64Emitter();
    const top = e.newLabel();
    const skip = e.newLabel();
    const far = e.newLabel();
    e.bindLabel(top);
    e.test(R.EAX, R.EAX);
    e.jcc('e', far);
    e.jcc('ne', skip);
    e.nop();
    e.bindLabel(skip);
    for (let i = 0; i < 30; i++) e.add(R.RCX, imm(0x1000));
    e.jmp(top);
    e.bindLabel(far);
    e.int3();
    const result = e.finalize(CODE_ADDRESS);
    const text = formatListing({
      methodName: 'M', code: result.code, codeAddress: CODE_ADDRESS, prologSize: 0, methodHash: 7, headerComments: [],
    });
    expect(text).toContain('       je       G_M007_IG03\n');
    expect(text).toContain('       jne      SHORT G_M007_IG02\n');
    expect(text).toContain('       jmp      G_M007_IG01\n');
    expect(text).toContain('       int3\n');
    expect(text.split('\n').filter((l) => l.startsWith('G_M007_IG'))).toHaveLength(3);
  });
});
