import { OpKind } from 'iced-x86';
import { describe, expect, it } from 'vitest';
import { RelocType, type CompileSuccess } from '../../src/jitee/index.js';
import { generateCode } from '../../src/jit/codegen/generate.js';
import { encodeProvisionally } from '../../src/jit/compile/place-code.js';
import { importMethod, jitFlagsForMode } from '../../src/jit/index.js';
import { Code } from '../../src/jit/x64/codes.js';
import { forEachInstruction } from '../../src/jit/x64/disassemble.js';
import { Form } from '../../src/jit/x64/instruction-record.js';
import { decodeShapes, expectedOperands, shortBranchCode } from './x64/round-trip.js';
import { compileAll, fixtures, type Mode } from './vm-helpers.js';

/** Every way the emitted bytes can disagree with what the JIT meant, as messages (so one expect covers a method). */
function roundTripProblems(mode: Mode, filter: string): string[] {
  const rt = fixtures();
  const problems: string[] = [];
  for (const m of rt.enumerateMethods({ filter })) {
    if (!m.ok) continue;
    const ji = rt.createJitInterface({ version: 'base', mode, method: m.method });
    const info = ji.methodInfo()!;
    let imported;
    try {
      imported = importMethod(ji, info, jitFlagsForMode(mode));
    } catch {
      continue; // failures are the fixtures test's business
    }
    const { g } = generateCode(imported.method, imported.ee);
    const records = g.e.instructions;
    const result = encodeProvisionally(g.e);
    const shapes = decodeShapes(result);
    if (shapes.length !== records.length) {
      problems.push(`${m.name}: ${records.length} instructions emitted, ${shapes.length} decoded`);
      continue;
    }
    records.forEach((record, position) => {
      const shape = shapes[position]!;
      const where = `${m.name} #${position} ${Code[record.code]}`;
      if (shape.offset !== result.instructionOffsets[position]) problems.push(`${where}: at ${shape.offset}, expected ${result.instructionOffsets[position]}`);
      if (record.form === Form.LabelBranch) {
        if (shape.code !== record.code && shape.code !== shortBranchCode(record.code)) problems.push(`${where}: decoded as ${Code[shape.code]}`);
        if (shape.nearBranch !== result.codeAddress + BigInt(result.labelOffsets[record.label]!)) problems.push(`${where}: branch target differs`);
      } else if (shape.code !== record.code) {
        problems.push(`${where}: decoded as ${Code[shape.code]}`);
      } else if (record.form === Form.Branch) {
        if (shape.nearBranch !== record.target) problems.push(`${where}: branch target differs`);
      } else if (record.form !== Form.RepString && JSON.stringify(shape.operands) !== JSON.stringify(expectedOperands(record))) {
        problems.push(`${where}: operands ${shape.operands.join(' ')} differ from ${expectedOperands(record).join(' ')}`);
      }
    });
  }
  return problems;
}

interface Decoded {
  readonly starts: Set<number>;
  /** Offsets just after each call instruction. */
  readonly returnAddresses: Set<number>;
  /** Relocatable field offset → size, from iced's constant offsets. */
  readonly fields: Map<number, number>;
}

function decode(r: CompileSuccess): Decoded {
  const starts = new Set<number>();
  const returnAddresses = new Set<number>();
  const fields = new Map<number, number>();
  forEachInstruction(r.code, r.blocks.hotCodeBlock, (ins, offset, offsets) => {
    starts.add(offset);
    if (Code[ins.code]!.startsWith('Call_')) returnAddresses.add(offset + ins.length);
    if (offsets.hasDisplacement) fields.set(offset + offsets.displacementOffset, offsets.displacementSize);
    if (offsets.hasImmediate) fields.set(offset + offsets.immediateOffset, offsets.immediateSize);
    if (ins.op0Kind === OpKind.NearBranch64 && offsets.immediateSize === 4) fields.set(offset + offsets.immediateOffset, 4);
  });
  starts.add(r.code.length);
  return { starts, returnAddresses, fields };
}

/** Relocations, EH clauses, safe points and the IL map checked against the decoded code. */
function resultProblems(mode: Mode): string[] {
  const problems: string[] = [];
  for (const { name, result } of compileAll(fixtures(), mode)) {
    if (!result.ok) continue;
    const d = decode(result);
    const view = new DataView(result.code.buffer, result.code.byteOffset, result.code.byteLength);
    for (const r of result.relocations) {
      const size = r.type === RelocType.IMAGE_REL_BASED_DIR64 ? 8 : 4;
      if (d.fields.get(r.offset) !== size) {
        problems.push(`${name}: relocation at ${r.offset} is not on a ${size}-byte operand field`);
        continue;
      }
      const value = size === 8
        ? view.getBigUint64(r.offset, true)
        : BigInt(view.getInt32(r.offset, true)) + result.blocks.hotCodeBlock + BigInt(r.offset + 4) - BigInt(r.addlDelta);
      if (value !== r.target) problems.push(`${name}: relocation at ${r.offset} holds 0x${value.toString(16)}, not 0x${r.target.toString(16)}`);
      if (r.annotation === undefined || r.annotation === '') problems.push(`${name}: relocation at ${r.offset} is not annotated`);
    }
    for (const c of result.ehClauses) {
      for (const offset of [c.tryOffset, c.tryOffset + c.tryLength, c.handlerOffset, c.handlerOffset + c.handlerLength]) {
        if (!d.starts.has(offset)) problems.push(`${name}: EH boundary ${offset} is not an instruction boundary`);
      }
      if (c.tryOffset + c.tryLength > c.handlerOffset && c.handlerOffset + c.handlerLength > c.tryOffset) problems.push(`${name}: try and handler overlap`);
    }
    for (const sp of result.gcInfo.safePoints) {
      if (!d.returnAddresses.has(sp.codeOffset)) problems.push(`${name}: safe point ${sp.codeOffset} does not follow a call`);
    }
    for (const b of result.boundaries) {
      if (!d.starts.has(b.nativeOffset)) problems.push(`${name}: IL map entry at ${b.nativeOffset} is not an instruction boundary`);
    }
  }
  return problems;
}

describe.each<Mode>(['jit', 'r2r'])('generated code of the fixtures in %s mode', (mode) => {
  it('decodes back to the instructions the code generator emitted', () => {
    expect(roundTripProblems(mode, '*')).toEqual([]);
  });

  it('has relocations on operand fields, EH boundaries, safe points and IL map entries at instruction boundaries', () => {
    expect(resultProblems(mode)).toEqual([]);
  });
});
