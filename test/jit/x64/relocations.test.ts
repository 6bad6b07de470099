import { Decoder, DecoderOptions } from 'iced-x86';
import { describe, expect, it } from 'vitest';
import {
  Register, Rel32OutOfRangeError, X64Emitter, applyRelocations, imm, isRel32Reachable,
  readRelocationField, relocationFieldValue, ripRelative, type EmitResult, type Relocation,
} from '../../../src/jit/x64/index.js';
import { buildSampleMethod, SAMPLE_CODE_ADDRESS } from './sample-method.js';

const R = Register;
const CODE_ADDRESS = 0x7ff6_0000_0000n;
const TARGET = 0x7ff6_0100_0000n;

/** The relocated operand's field as iced's decoder reports it for the instruction at `reloc.instructionOffset`. */
function decodedField(result: EmitResult<unknown>, reloc: Relocation<unknown>): { offset: number; size: number; next: number } {
  const decoder = new Decoder(64, result.code, DecoderOptions.None);
  try {
    decoder.ip = result.codeAddress + BigInt(reloc.instructionOffset);
    decoder.position = reloc.instructionOffset;
    const instruction = decoder.decode();
    const offsets = decoder.getConstantOffsets(instruction);
    try {
      const next = reloc.instructionOffset + instruction.length;
      if (reloc.kind === 'DIR64') return { offset: reloc.instructionOffset + offsets.immediateOffset, size: offsets.immediateSize, next };
      // A rel32 lives in the displacement (rip-relative memory) or, for call/jmp rel32, where iced reports the immediate.
      return offsets.hasDisplacement
        ? { offset: reloc.instructionOffset + offsets.displacementOffset, size: offsets.displacementSize, next }
        : { offset: reloc.instructionOffset + offsets.immediateOffset, size: offsets.immediateSize, next };
    } finally {
      offsets.free();
      instruction.free();
    }
  } finally {
    decoder.free();
  }
}

function expectRelocationsPointAtOperands(result: EmitResult<unknown>): void {
  for (const reloc of result.relocations) {
    expect(reloc.offset).toBeGreaterThanOrEqual(0);
    expect(reloc.offset + reloc.size).toBeLessThanOrEqual(result.codeSize);
    const field = decodedField(result, reloc);
    expect(reloc.offset).toBe(field.offset);
    expect(reloc.size).toBe(field.size);
    if (reloc.kind === 'REL32') expect(reloc.relativeTo).toBe(field.next);
    expect(readRelocationField(result.code, reloc)).toBe(relocationFieldValue(reloc, result.codeAddress));
  }
}

describe('relocations', () => {
  it('tag every relocated operand with its exact field, kind and target', () => {
    const e = new X64Emitter<string>();
    e.callDirect(TARGET, 'helper');
    e.jmpDirect(TARGET + 0x10n, 'tail');
    e.callIndirectCell(TARGET + 0x20n, 'cell');
    e.movImm64Handle(R.R10, 0x7ff5_dead_beefn, 'handle');
    e.leaRipRelative(R.RAX, TARGET + 0x30n, 'data');
    e.mov(R.ECX, ripRelative(4, TARGET + 0x40n, 'static'));
    e.cmp(ripRelative(4, TARGET + 0x44n, 'static with imm'), imm(0x1234));
    e.mov(ripRelative(8, TARGET + 0x48n, 'static store'), imm(-1));
    e.callAbsolute(0x0000_1234_0000_0000n, 'far helper');
    const r = e.finalize(CODE_ADDRESS);
    expect(r.relocations.map((x) => [x.tag, x.kind, x.target])).toEqual([
      ['helper', 'REL32', TARGET],
      ['tail', 'REL32', TARGET + 0x10n],
      ['cell', 'REL32', TARGET + 0x20n],
      ['handle', 'DIR64', 0x7ff5_dead_beefn],
      ['data', 'REL32', TARGET + 0x30n],
      ['static', 'REL32', TARGET + 0x40n],
      ['static with imm', 'REL32', TARGET + 0x44n],
      ['static store', 'REL32', TARGET + 0x48n],
      ['far helper', 'DIR64', 0x0000_1234_0000_0000n],
    ]);
    expectRelocationsPointAtOperands(r);
    // An immediate after the displacement: the rel32 is relative to the end of the instruction, not to the field's end.
    const cmp = r.relocations[6]!;
    expect(cmp.relativeTo).toBe(cmp.offset + 4 + 4);
    expect(r.relocations[0]!.relativeTo).toBe(r.relocations[0]!.offset + 4);
  });

  it('match the operand bytes in the sample method', () => {
    const { emitter } = buildSampleMethod();
    const result = emitter.finalize(SAMPLE_CODE_ADDRESS);
    expect(result.relocations.map((r) => r.tag.name)).toEqual([
      'CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS', 'System.String', 'CORINFO_HELP_NEWSFAST', 'Program:s_count', 'Program:s_count',
    ]);
    expectRelocationsPointAtOperands(result);
  });

  it('let code be moved: applying relocations at a new address gives what encoding there gives', () => {
    const moved = SAMPLE_CODE_ADDRESS + 0x1234_5670n;
    const original = buildSampleMethod().emitter.finalize(SAMPLE_CODE_ADDRESS);
    const direct = buildSampleMethod().emitter.finalize(moved);
    const patched = original.code.slice();
    applyRelocations(patched, moved, original.relocations);
    expect(Buffer.from(patched).toString('hex')).toBe(Buffer.from(direct.code).toString('hex'));
    expect(Buffer.from(patched).equals(Buffer.from(original.code))).toBe(false);
  });

  it('report a call whose target is beyond rel32 reach', () => {
    const e = new X64Emitter<string>();
    e.callDirect(CODE_ADDRESS + 0x1_0000_0000n, 'far');
    e.ret();
    expect(() => e.finalize(CODE_ADDRESS)).toThrow(Rel32OutOfRangeError);
  });

  it('report a rip-relative operand beyond rel32 reach', () => {
    const e = new X64Emitter<string>();
    e.mov(R.RAX, ripRelative(8, CODE_ADDRESS - 0x8000_1000n, 'far static'));
    expect(() => e.finalize(CODE_ADDRESS)).toThrow(Rel32OutOfRangeError);
  });

  it('answer whether a target is reachable from every byte of the code', () => {
    expect(isRel32Reachable(CODE_ADDRESS, 100, CODE_ADDRESS + 0x7fff_0000n)).toBe(true);
    expect(isRel32Reachable(CODE_ADDRESS, 100, CODE_ADDRESS + 0x8000_0000n)).toBe(false);
    expect(isRel32Reachable(CODE_ADDRESS, 100, CODE_ADDRESS - 0x8000_0000n + 100n)).toBe(true);
    expect(isRel32Reachable(CODE_ADDRESS, 100, CODE_ADDRESS - 0x8000_0000n + 99n)).toBe(false);
  });
});
