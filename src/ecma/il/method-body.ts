import { readU16, readU32, type FileBytes } from '../bytes.js';
import { hex } from '../errors.js';
import type { PeImage } from '../pe/pe-image.js';

/** Kinds of exception handling clause (flags field, II.25.4.6). */
export const ExceptionClauseFlags = {
  Exception: 0x0,
  Filter: 0x1,
  Finally: 0x2,
  Fault: 0x4,
} as const;

export type ExceptionClauseKind = 'catch' | 'filter' | 'finally' | 'fault';

export interface ExceptionClause {
  kind: ExceptionClauseKind;
  /** Raw flags (COR_ILEXCEPTION_CLAUSE_*). */
  flags: number;
  tryOffset: number;
  tryLength: number;
  handlerOffset: number;
  handlerLength: number;
  /** Catch type token (TypeDef/TypeRef/TypeSpec) for `catch`, else 0. */
  classToken: number;
  /** Start of the filter block for `filter`, else 0. */
  filterOffset: number;
  /** True if the clause came from a fat EH section. */
  fat: boolean;
}

/** A method body (II.25.4): header, IL code and exception clauses. */
export interface MethodBody {
  format: 'tiny' | 'fat';
  rva: number;
  /** File offset of the header. */
  offset: number;
  headerSize: number;
  /** Fat header flags (InitLocals 0x10, MoreSects 0x8, format bits); tiny: 0x2. */
  flags: number;
  maxStack: number;
  codeSize: number;
  /** StandAloneSig token of the locals, or 0. */
  localVarSigToken: number;
  initLocals: boolean;
  /** File offset of the first IL byte. */
  codeOffset: number;
  /** The IL bytes (a view on the file). */
  code: Uint8Array;
  exceptionClauses: ExceptionClause[];
  /** Bytes from the header to the end of the last data section. */
  totalSize: number;
}

const TINY_FORMAT = 0x2;
const FAT_FORMAT = 0x3;
const FAT_HEADER_MIN = 12;
const MORE_SECTS = 0x8;
const INIT_LOCALS = 0x10;
const SECT_EH_TABLE = 0x1;
const SECT_FAT_FORMAT = 0x40;
const SECT_MORE_SECTS = 0x80;
const SMALL_CLAUSE_SIZE = 12;
const FAT_CLAUSE_SIZE = 24;
const TINY_MAX_STACK = 8;

/**
 * Decodes the method body at `rva`. `owner` names the method for messages
 * ("MethodDef 0x06000012"). The body must lie inside one section.
 */
export function readMethodBody(pe: PeImage, rva: number, owner: string): MethodBody {
  const file: FileBytes = pe.file;
  const b = file.bytes;
  const where = `method body of ${owner} at RVA ${hex(rva)}`;
  const section = pe.sectionOf(rva);
  if (!section) file.fail(`${where} is not inside any section`);
  const offset = rva - section.virtualAddress + section.pointerToRawData;
  const available = section.virtualAddress + section.fileBackedSize - rva;
  const pastEnd = (): never => file.fail(`${where} runs past the end of its section`);

  const first = b[offset]!;
  if ((first & 3) === TINY_FORMAT) {
    const codeSize = first >>> 2;
    if (1 + codeSize > available) pastEnd();
    return {
      format: 'tiny',
      rva,
      offset,
      headerSize: 1,
      flags: TINY_FORMAT,
      maxStack: TINY_MAX_STACK,
      codeSize,
      localVarSigToken: 0,
      initLocals: false,
      codeOffset: offset + 1,
      code: b.subarray(offset + 1, offset + 1 + codeSize),
      exceptionClauses: [],
      totalSize: 1 + codeSize,
    };
  }
  if ((first & 3) !== FAT_FORMAT) file.fail(`${where} has an invalid header format (first byte ${hex(first)})`);
  if (FAT_HEADER_MIN > available) pastEnd();
  const flagsAndSize = readU16(b, offset);
  const flags = flagsAndSize & 0x0fff;
  const headerSize = (flagsAndSize >>> 12) * 4;
  if (headerSize < FAT_HEADER_MIN) file.fail(`${where} has a fat header of ${headerSize} bytes (at least 12 expected)`);
  const codeSize = readU32(b, offset + 4);
  if (headerSize > available || codeSize > available - headerSize) pastEnd();
  const codeOffset = offset + headerSize;

  let end = headerSize + codeSize;
  const exceptionClauses: ExceptionClause[] = [];
  if (flags & MORE_SECTS) {
    let more = true;
    while (more) {
      // Data sections start on the next 4-byte boundary of the RVA.
      end += (4 - ((rva + end) % 4)) % 4;
      if (end + 4 > available) pastEnd();
      const p = offset + end;
      const kind = b[p]!;
      const fat = (kind & SECT_FAT_FORMAT) !== 0;
      const dataSize = fat ? b[p + 1]! | (b[p + 2]! << 8) | (b[p + 3]! << 16) : b[p + 1]!;
      if (dataSize < 4) file.fail(`${where} has a data section of ${dataSize} bytes`);
      if (dataSize > available - end) pastEnd();
      if ((kind & 0x3f) === SECT_EH_TABLE) readClauses(b, p, dataSize, fat, exceptionClauses);
      end += dataSize;
      more = (kind & SECT_MORE_SECTS) !== 0;
    }
  }

  return {
    format: 'fat',
    rva,
    offset,
    headerSize,
    flags: flagsAndSize & 0x0fff,
    maxStack: readU16(b, offset + 2),
    codeSize,
    localVarSigToken: readU32(b, offset + 8),
    initLocals: (flags & INIT_LOCALS) !== 0,
    codeOffset,
    code: b.subarray(codeOffset, codeOffset + codeSize),
    exceptionClauses,
    totalSize: end,
  };
}

function readClauses(b: Uint8Array, p: number, dataSize: number, fat: boolean, out: ExceptionClause[]): void {
  const size = fat ? FAT_CLAUSE_SIZE : SMALL_CLAUSE_SIZE;
  const count = Math.floor((dataSize - 4) / size);
  for (let i = 0; i < count; i++) {
    const c = p + 4 + i * size;
    const clause = fat
      ? {
          flags: readU32(b, c),
          tryOffset: readU32(b, c + 4),
          tryLength: readU32(b, c + 8),
          handlerOffset: readU32(b, c + 12),
          handlerLength: readU32(b, c + 16),
          extra: readU32(b, c + 20),
        }
      : {
          flags: readU16(b, c),
          tryOffset: readU16(b, c + 2),
          tryLength: b[c + 4]!,
          handlerOffset: readU16(b, c + 5),
          handlerLength: b[c + 7]!,
          extra: readU32(b, c + 8),
        };
    const kind = clauseKind(clause.flags);
    out.push({
      kind,
      flags: clause.flags,
      tryOffset: clause.tryOffset,
      tryLength: clause.tryLength,
      handlerOffset: clause.handlerOffset,
      handlerLength: clause.handlerLength,
      classToken: kind === 'catch' ? clause.extra : 0,
      filterOffset: kind === 'filter' ? clause.extra : 0,
      fat,
    });
  }
}

function clauseKind(flags: number): ExceptionClauseKind {
  if (flags & ExceptionClauseFlags.Fault) return 'fault';
  if (flags & ExceptionClauseFlags.Finally) return 'finally';
  if (flags & ExceptionClauseFlags.Filter) return 'filter';
  return 'catch';
}
