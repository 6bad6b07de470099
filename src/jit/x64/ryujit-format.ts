import { Formatter, FormatterSyntax, MemorySizeOptions, OpKind, Register, type ConstantOffsets, type Instruction } from 'iced-x86';
import { Code } from './codes.js';
import { registerName } from './registers.js';

/** An operand that refers to an address a caller may have a name for. */
export interface OperandSite {
  /** Native offset of the instruction. */
  readonly instructionOffset: number;
  /**
   * Native offset of the 4- or 8-byte field holding the address or
   * displacement (the offset a relocation records), if the field is in the
   * instruction bytes.
   */
  readonly fieldOffset: number | undefined;
  /** The absolute address: call/jump target, rip-relative data address, or the immediate's value. */
  readonly address: bigint;
  readonly kind: 'call' | 'jump' | 'memory' | 'immediate';
}

/** Returns a display name for an operand (e.g. "CORINFO_HELP_NEWSFAST", "[System.Console:WriteLine(int)]"), or undefined. */
export type SymbolResolver = (site: OperandSite) => string | undefined;

export interface FormattedInstruction {
  readonly mnemonic: string;
  readonly operands: string;
  /** Trailing comment (without "; "), e.g. the name of a handle loaded as an immediate. */
  readonly comment: string | undefined;
}

export interface FormatContext {
  readonly codeAddress: bigint;
  readonly codeSize: number;
  /** Name of the group starting at a native offset, for branches inside the method. */
  readonly labelAt?: (offset: number) => string | undefined;
  readonly symbols?: SymbolResolver;
}

/** Column width of the mnemonic: RyuJIT pads it to 8 and adds a space. */
const MNEMONIC_WIDTH = 8;

/** RyuJIT prints an immediate in decimal when its magnitude is below this. */
const DECIMAL_IMMEDIATE_LIMIT = 1000n;

/**
 * Formats decoded instructions the way RyuJIT's disassembly does: lowercase
 * masm mnemonics padded to a column, `qword ptr [rbp-0x08]` (two-digit hex
 * displacements), small immediates in decimal and large ones in 0x-hex,
 * branch targets inside the method as group labels, and known addresses by
 * name. Owns an iced Formatter: call `free()` when done.
 */
export class RyuJitFormatter {
  private readonly formatter = new Formatter(FormatterSyntax.Masm);

  constructor() {
    this.formatter.memorySizeOptions = MemorySizeOptions.Always;
    this.formatter.hexPrefix = '0x';
    this.formatter.hexSuffix = '';
    this.formatter.uppercaseHex = true;
    this.formatter.spaceAfterOperandSeparator = true;
  }

  free(): void {
    this.formatter.free();
  }

  /** `offsets` are the instruction's ConstantOffsets (for field offsets); the caller frees them. */
  format(instruction: Instruction, instructionOffset: number, offsets: ConstantOffsets, context: FormatContext): FormattedInstruction {
    // RyuJIT writes the breakpoint as `int3`; iced's masm says `int 3`.
    if (instruction.code === Code.Int3) return { mnemonic: 'int3', operands: '', comment: undefined };
    const mnemonic = this.formatter.formatMnemonic(instruction);
    const operands: string[] = [];
    let comment: string | undefined;
    const count = this.formatter.operandCount(instruction);
    for (let formatterOperand = 0; formatterOperand < count; formatterOperand++) {
      const operand = this.formatter.getInstructionOperand(instruction, formatterOperand);
      if (operand === undefined) {
        operands.push(this.formatter.formatOperand(instruction, formatterOperand));
        continue;
      }
      const kind = instruction.opKind(operand);
      switch (kind) {
        case OpKind.Register:
          operands.push(registerName(instruction.opRegister(operand)));
          break;
        case OpKind.NearBranch16:
        case OpKind.NearBranch32:
        case OpKind.NearBranch64:
          operands.push(this.branchTarget(instruction, instructionOffset, offsets, context));
          break;
        case OpKind.Memory:
          operands.push(this.memory(instruction, formatterOperand, instructionOffset, offsets, context));
          break;
        case OpKind.Immediate8:
        case OpKind.Immediate8_2nd:
        case OpKind.Immediate16:
        case OpKind.Immediate32:
        case OpKind.Immediate64:
        case OpKind.Immediate8to16:
        case OpKind.Immediate8to32:
        case OpKind.Immediate8to64:
        case OpKind.Immediate32to64: {
          const value = signedImmediate(instruction.immediate(operand), kind);
          operands.push(formatImmediate(value));
          if (kind === OpKind.Immediate32 || kind === OpKind.Immediate64 || kind === OpKind.Immediate32to64) {
            comment ??= context.symbols?.({
              instructionOffset,
              fieldOffset: offsets.hasImmediate ? instructionOffset + offsets.immediateOffset : undefined,
              address: BigInt.asUintN(64, value),
              kind: 'immediate',
            });
          }
          break;
        }
        default:
          operands.push(this.formatter.formatOperand(instruction, formatterOperand));
      }
    }
    return { mnemonic, operands: operands.join(', '), comment };
  }

  private branchTarget(instruction: Instruction, instructionOffset: number, offsets: ConstantOffsets, context: FormatContext): string {
    const target = instruction.nearBranchTarget;
    const offset = target - context.codeAddress;
    if (offset >= 0n && offset <= BigInt(context.codeSize)) {
      const label = context.labelAt?.(Number(offset));
      if (label !== undefined) return (instruction.isJmpShort || instruction.isJccShort ? 'SHORT ' : '') + label;
    }
    const name = context.symbols?.({
      instructionOffset,
      fieldOffset: offsets.hasImmediate ? instructionOffset + offsets.immediateOffset : undefined,
      address: target,
      kind: instruction.isCallNear ? 'call' : 'jump',
    });
    return name ?? hex(target);
  }

  private memory(instruction: Instruction, formatterOperand: number, instructionOffset: number, offsets: ConstantOffsets, context: FormatContext): string {
    // iced knows the right size keyword (byte/word/dword/qword/xmmword ptr); the address part is RyuJIT's.
    const icedText = this.formatter.formatOperand(instruction, formatterOperand);
    const bracket = icedText.indexOf('[');
    let sizePrefix = bracket > 0 ? icedText.slice(0, bracket).replace(/\S+:$/, '') : '';
    if (instruction.isIpRelMemoryOperand) {
      const address = instruction.ipRelMemoryAddress;
      const name = context.symbols?.({
        instructionOffset,
        fieldOffset: offsets.hasDisplacement ? instructionOffset + offsets.displacementOffset : undefined,
        address,
        kind: 'memory',
      });
      // Calls and jumps through a cell read like RyuJIT's `call [Name]`.
      if (instruction.isCallNearIndirect || instruction.isJmpNearIndirect) sizePrefix = '';
      if (name === undefined) return `${sizePrefix}[${hex(address)}]`;
      // Names of methods come bracketed already ("[Class:Method()]"); don't bracket them twice.
      return `${sizePrefix}${name.startsWith('[') && name.endsWith(']') ? name : `[${name}]`}`;
    }
    const segment = instruction.segmentPrefix === Register.None ? '' : `${registerName(instruction.segmentPrefix)}:`;
    return `${sizePrefix}${segment}[${addressExpression(instruction)}]`;
  }
}

/** Lays out one instruction line body: the padded mnemonic, operands and comment. */
export function instructionText(formatted: FormattedInstruction): string {
  const body = formatted.operands === '' ? formatted.mnemonic : `${formatted.mnemonic.padEnd(MNEMONIC_WIDTH)} ${formatted.operands}`;
  return formatted.comment === undefined ? body : `${body}      ; ${formatted.comment}`;
}

function addressExpression(instruction: Instruction): string {
  let text = '';
  if (instruction.memoryBase !== Register.None) text = registerName(instruction.memoryBase);
  if (instruction.memoryIndex !== Register.None) {
    const scale = instruction.memoryIndexScale;
    text += `${text === '' ? '' : '+'}${registerName(instruction.memoryIndex)}${scale === 1 ? '' : `*${scale}`}`;
  }
  const displacement = BigInt.asIntN(64, instruction.memoryDisplacement);
  if (text === '') return hex(BigInt.asUintN(64, displacement));
  if (displacement === 0n) return text;
  const magnitude = displacement < 0n ? -displacement : displacement;
  return `${text}${displacement < 0n ? '-' : '+'}0x${magnitude.toString(16).toUpperCase().padStart(2, '0')}`;
}

function signedImmediate(raw: bigint, kind: OpKind): bigint {
  switch (kind) {
    case OpKind.Immediate8:
    case OpKind.Immediate8_2nd:
      return BigInt.asIntN(8, raw);
    case OpKind.Immediate16:
    case OpKind.Immediate8to16:
      return BigInt.asIntN(16, raw);
    case OpKind.Immediate32:
    case OpKind.Immediate8to32:
      return BigInt.asIntN(32, raw);
    default:
      return BigInt.asIntN(64, raw);
  }
}

/** RyuJIT's immediate style: decimal when small, else 0x-hex (negative values above -0xFFFFFF as -0x...). */
export function formatImmediate(value: bigint): string {
  if (value > -DECIMAL_IMMEDIATE_LIMIT && value < DECIMAL_IMMEDIATE_LIMIT) return value.toString();
  if (value > 0n || value < -0xff_ffffn) return hex(BigInt.asUintN(64, value));
  return `-${hex(-value)}`;
}

function hex(value: bigint): string {
  return `0x${value.toString(16).toUpperCase()}`;
}
