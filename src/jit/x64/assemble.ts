import { BlockEncoder, BlockEncoderOptions, Decoder, DecoderOptions, Instruction, type ConstantOffsets } from 'iced-x86';
import { Code } from './codes.js';
import { Form, RelocField, createInstruction, type InstructionRecord, type RelocationRequest } from './instruction-record.js';
import { recordPerfScore } from './perf-score.js';
import type { Relocation } from './relocations.js';

/** Something iced could not encode the way the emitter asked. */
export class X64EncodingError extends Error {
  override name = 'X64EncodingError';
}

/**
 * A rel32 field (call/jmp to an absolute target, or a rip-relative operand)
 * cannot reach its target from where the code was placed. The JIT should pick
 * the indirect form (callAbsolute, or an address held in a register) instead.
 */
export class Rel32OutOfRangeError extends X64EncodingError {
  override name = 'Rel32OutOfRangeError';
}

export interface EmitResult<Tag> {
  /** The machine code, as it must sit at codeAddress. */
  readonly code: Uint8Array;
  readonly codeAddress: bigint;
  readonly codeSize: number;
  readonly instructionCount: number;
  /**
   * instructionOffsets[p] is the native offset of the instruction emitted at
   * position p (see X64Emitter.position); instructionOffsets[instructionCount]
   * is the code size, so the end of instruction p is instructionOffsets[p + 1].
   */
  readonly instructionOffsets: Uint32Array;
  /** labelOffsets[label] is where the label was bound, or -1 if it never was. */
  readonly labelOffsets: Int32Array;
  readonly relocations: readonly Relocation<Tag>[];
  /** PerfScore estimate of the method (perf-score.ts). */
  readonly perfScore: number;
}

/**
 * Label targets get IPs in the non-canonical range, which no real target
 * address can be, so iced never mistakes an absolute call target for a label.
 */
const SYNTHETIC_IP_BASE = 0xf000_0000_0000_0000n;

export function syntheticIp(position: number): bigint {
  return SYNTHETIC_IP_BASE + BigInt(position);
}

export function isSyntheticIp(address: bigint): boolean {
  return address >= SYNTHETIC_IP_BASE;
}

/**
 * Encodes a method's instructions with one BlockEncoder run, then decodes the
 * result once. The JavaScript build of iced returns only bytes from
 * BlockEncoder.encode (no new instruction offsets or constant offsets), so the
 * decode pass supplies both: per-instruction offsets, and the exact field
 * offsets of relocated operands from iced's ConstantOffsets. It doubles as a
 * check that every instruction came out as asked.
 */
export function assemble<Tag>(
  records: readonly InstructionRecord<Tag>[],
  labelPositions: readonly number[],
  codeAddress: bigint,
): EmitResult<Tag> {
  const count = records.length;
  const code = encodeBlock(records, labelPositions, codeAddress);
  const instructionOffsets = new Uint32Array(count + 1);
  const relocations: Relocation<Tag>[] = [];
  const decoder = new Decoder(64, code, DecoderOptions.None);
  const decoded = new Instruction();
  try {
    decoder.ip = codeAddress;
    for (let position = 0; position < count; position++) {
      const offset = decoder.position;
      instructionOffsets[position] = offset;
      if (offset >= code.length) throw new X64EncodingError(`encoded code ends before instruction ${position}`);
      decoder.decodeOut(decoded);
      const record = records[position]!;
      if (record.reloc !== undefined) {
        relocations.push(locateRelocation(decoder, decoded, record.reloc, offset, decoder.position));
      }
    }
    instructionOffsets[count] = decoder.position;
  } finally {
    decoded.free();
    decoder.free();
  }
  if (instructionOffsets[count] !== code.length) {
    // BlockEncoder appends data only when it had to turn a far call/jmp rel32
    // into an indirect one.
    throw new Rel32OutOfRangeError(`a call or jmp target is out of rel32 range of code at 0x${codeAddress.toString(16)}`);
  }
  const labelOffsets = new Int32Array(labelPositions.length);
  for (let label = 0; label < labelPositions.length; label++) {
    const position = labelPositions[label]!;
    labelOffsets[label] = position < 0 ? -1 : instructionOffsets[position]!;
  }
  let perfScore = 0;
  for (const record of records) perfScore += recordPerfScore(record);
  return {
    code,
    codeAddress,
    codeSize: code.length,
    instructionCount: count,
    instructionOffsets,
    labelOffsets,
    relocations,
    perfScore,
  };
}

function encodeBlock(records: readonly InstructionRecord<unknown>[], labelPositions: readonly number[], codeAddress: bigint): Uint8Array {
  const count = records.length;
  const isTarget = new Uint8Array(count + 1);
  for (const position of labelPositions) if (position >= 0) isTarget[position] = 1;
  const encoder = new BlockEncoder(64, BlockEncoderOptions.None);
  try {
    for (let position = 0; position < count; position++) {
      const record = records[position]!;
      const target = record.form === Form.LabelBranch ? syntheticIp(labelPositions[record.label]!) : 0n;
      const instruction = createInstruction(record, target);
      try {
        // Only label targets need an IP; iced accepts any number of IP-0 instructions.
        if (isTarget[position] === 1) instruction.ip = syntheticIp(position);
        encoder.add(instruction);
      } finally {
        instruction.free();
      }
    }
    try {
      return encoder.encode(codeAddress);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (/too far/i.test(message)) throw new Rel32OutOfRangeError(`a rip-relative operand is out of rel32 range of code at 0x${codeAddress.toString(16)}: ${message}`);
      throw new X64EncodingError(`iced-x86 could not encode the method: ${message}`);
    }
  } finally {
    encoder.free();
  }
}

function locateRelocation<Tag>(
  decoder: Decoder,
  decoded: Instruction,
  request: RelocationRequest<Tag>,
  instructionOffset: number,
  nextOffset: number,
): Relocation<Tag> {
  const offsets: ConstantOffsets = decoder.getConstantOffsets(decoded);
  try {
    switch (request.field) {
      case RelocField.Displacement: {
        if (!decoded.isIpRelMemoryOperand || decoded.ipRelMemoryAddress !== request.target || offsets.displacementSize !== 4) {
          throw new Rel32OutOfRangeError(`rip-relative operand at offset ${instructionOffset} does not reach 0x${request.target.toString(16)}`);
        }
        return rel32(instructionOffset + offsets.displacementOffset, request, instructionOffset, nextOffset);
      }
      case RelocField.BranchOffset: {
        const code = decoded.code;
        if ((code !== Code.Call_rel32_64 && code !== Code.Jmp_rel32_64) || decoded.nearBranch64 !== request.target || offsets.immediateSize !== 4) {
          throw new Rel32OutOfRangeError(`call/jmp at offset ${instructionOffset} cannot reach 0x${request.target.toString(16)} with rel32`);
        }
        return rel32(instructionOffset + offsets.immediateOffset, request, instructionOffset, nextOffset);
      }
      case RelocField.Immediate64: {
        if (offsets.immediateSize !== 8 || decoded.immediate64 !== request.target) {
          throw new X64EncodingError(`instruction at offset ${instructionOffset} has no 64-bit immediate 0x${request.target.toString(16)}`);
        }
        return {
          offset: instructionOffset + offsets.immediateOffset,
          kind: 'DIR64',
          size: 8,
          target: request.target,
          tag: request.tag,
          instructionOffset,
          relativeTo: -1,
        };
      }
    }
  } finally {
    offsets.free();
  }
}

function rel32<Tag>(offset: number, request: RelocationRequest<Tag>, instructionOffset: number, nextOffset: number): Relocation<Tag> {
  return { offset, kind: 'REL32', size: 4, target: request.target, tag: request.tag, instructionOffset, relativeTo: nextOffset };
}
