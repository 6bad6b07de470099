import { tableName } from './table-ids.js';

// A token is a 32-bit number: table id in the top byte, 1-based row id below.
// Row id 0 is the nil reference of that table.

export function makeToken(table: number, rid: number): number {
  return ((table << 24) | rid) >>> 0;
}

export function tokenTable(token: number): number {
  return token >>> 24;
}

export function tokenRid(token: number): number {
  return token & 0x00ffffff;
}

export function isNilToken(token: number): boolean {
  return (token & 0x00ffffff) === 0;
}

/** `0x06000012` */
export function formatToken(token: number): string {
  return '0x' + (token >>> 0).toString(16).padStart(8, '0');
}

/** `MethodDef 0x06000012` */
export function describeToken(token: number): string {
  return `${tableName(tokenTable(token))} ${formatToken(token)}`;
}
