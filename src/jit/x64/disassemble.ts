import { Decoder, DecoderOptions, Instruction, type ConstantOffsets } from 'iced-x86';
import type { Relocation } from './relocations.js';
import { RyuJitFormatter, instructionText, type FormatContext, type SymbolResolver } from './ryujit-format.js';

export interface DisassembledInstruction {
  /** Native offset from the start of the code. */
  readonly offset: number;
  readonly length: number;
  /** RyuJIT-style text without indentation, e.g. "mov      rax, qword ptr [rbp-0x08]". */
  readonly text: string;
}

export interface DisassembleOptions {
  readonly symbols?: SymbolResolver;
  /** Label names for branch targets inside the code. */
  readonly labelAt?: (offset: number) => string | undefined;
}

let sharedFormatter: RyuJitFormatter | undefined;

/** One formatter per thread, kept for the life of the process (iced formatters are costly to set up). */
export function ryuJitFormatter(): RyuJitFormatter {
  sharedFormatter ??= new RyuJitFormatter();
  return sharedFormatter;
}

/**
 * Calls `visit` for each instruction of `code` decoded at `codeAddress`. The
 * instruction and constant offsets are reused between calls and freed
 * afterwards: copy what you need.
 */
export function forEachInstruction(
  code: Uint8Array,
  codeAddress: bigint,
  visit: (instruction: Instruction, offset: number, offsets: ConstantOffsets) => void,
): void {
  const decoder = new Decoder(64, code, DecoderOptions.None);
  const instruction = new Instruction();
  try {
    decoder.ip = codeAddress;
    while (decoder.canDecode) {
      const offset = decoder.position;
      decoder.decodeOut(instruction);
      const offsets = decoder.getConstantOffsets(instruction);
      try {
        visit(instruction, offset, offsets);
      } finally {
        offsets.free();
      }
    }
  } finally {
    instruction.free();
    decoder.free();
  }
}

/** Decodes and formats `code` as placed at `codeAddress`. */
export function disassemble(code: Uint8Array, codeAddress: bigint, options: DisassembleOptions = {}): DisassembledInstruction[] {
  const formatter = ryuJitFormatter();
  const context: FormatContext = { codeAddress, codeSize: code.length, labelAt: options.labelAt, symbols: options.symbols };
  const result: DisassembledInstruction[] = [];
  forEachInstruction(code, codeAddress, (instruction, offset, offsets) => {
    const text = instructionText(formatter.format(instruction, offset, offsets, context));
    result.push({ offset, length: instruction.length, text });
  });
  return result;
}

/**
 * A resolver that names operands by the relocation on their field, the
 * natural source of names for a JIT's own output.
 */
export function symbolsFromRelocations<Tag>(
  relocations: readonly Relocation<Tag>[],
  nameOf: (tag: Tag, relocation: Relocation<Tag>) => string | undefined,
): SymbolResolver {
  const byField = new Map<number, Relocation<Tag>>();
  for (const relocation of relocations) byField.set(relocation.offset, relocation);
  return (site) => {
    if (site.fieldOffset === undefined) return undefined;
    const relocation = byField.get(site.fieldOffset);
    return relocation === undefined ? undefined : nameOf(relocation.tag, relocation);
  };
}
