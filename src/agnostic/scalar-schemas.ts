/**
 * Schemas of single values: handles (64-bit), integers, booleans, strings,
 * byte blobs, string choices and "no value".
 */

import { formatHandle } from '../jitee/handles.js';
import { type Encoded, type KeyReader, type Schema, SchemaError } from './schema.js';

const U64_MAX = (1n << 64n) - 1n;
const HEX_DIGITS = '0123456789abcdef';
const DECIMAL_DIGITS = '-0123456789';

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  return typeof value === 'object' ? 'an object' : String(value);
}

function mismatch(shape: string, value: unknown): never {
  throw new SchemaError(`expected ${shape}, got ${describe(value)}`);
}

/** A handle or address: a bigint in [0, 2^64), keyed as bare hex, printed as 0x + 16 hex digits. */
export function handleSchema<H extends bigint>(label: string): Schema<H> {
  const check = (v: unknown): H => {
    if (typeof v !== 'bigint' || v < 0n || v > U64_MAX) mismatch(label, v);
    return v as H;
  };
  return {
    shape: label,
    encode: check,
    decode(data: Encoded): H {
      // Readers with other int64 settings may hand back small values as numbers.
      if (typeof data === 'number' && Number.isSafeInteger(data) && data >= 0) return BigInt(data) as H;
      return check(data);
    },
    writeKey: (v) => check(v).toString(16),
    readKey(reader: KeyReader): H {
      const digits = reader.takeRun(HEX_DIGITS);
      if (digits === '') reader.fail(`expected ${label}`);
      return BigInt('0x' + digits) as H;
    },
    print: (v) => formatHandle(v),
  };
}

/** An integer in [min, max], keyed in decimal, printed by `printer`. */
export function intSchema<N extends number>(
  label: string,
  min: number,
  max: number,
  printer: (value: N) => string = String,
): Schema<N> {
  const check = (v: unknown): N => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) mismatch(label, v);
    // -0 and 0 must encode (and key) alike.
    return (v === 0 ? 0 : v) as N;
  };
  return {
    shape: label,
    encode: check,
    decode: (data) => check(typeof data === 'bigint' ? Number(data) : data),
    writeKey: (v) => String(check(v)),
    readKey(reader: KeyReader): N {
      const text = reader.takeRun(DECIMAL_DIGITS);
      const n = Number(text);
      if (text === '' || !Number.isInteger(n)) reader.fail(`expected ${label}`);
      return check(n);
    },
    print: printer,
  };
}

export const boolSchema: Schema<boolean> = {
  shape: 'bool',
  encode(v) {
    if (typeof v !== 'boolean') mismatch('bool', v);
    return v;
  },
  decode(data) {
    if (typeof data !== 'boolean') mismatch('bool', data);
    return data;
  },
  writeKey(v) {
    if (typeof v !== 'boolean') mismatch('bool', v);
    return v ? '1' : '0';
  },
  readKey(reader) {
    if (reader.accept('1')) return true;
    if (reader.accept('0')) return false;
    return reader.fail('expected bool');
  },
  print: (v) => (v ? 'true' : 'false'),
};

export const stringSchema: Schema<string> = {
  shape: 'str',
  encode(v) {
    if (typeof v !== 'string') mismatch('str', v);
    return v;
  },
  decode(data) {
    if (typeof data !== 'string') mismatch('str', data);
    return data;
  },
  writeKey(v) {
    if (typeof v !== 'string') mismatch('str', v);
    return JSON.stringify(v);
  },
  readKey: (reader) => reader.takeJsonString(),
  print: (v) => JSON.stringify(v),
};

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// A table walk beats Buffer#toString('hex') several times over for the short blobs keys hold (signatures, specs).
function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += BYTE_HEX[bytes[i]!]!;
  return hex;
}

/** Bytes, always handed out as a fresh plain Uint8Array (never a Buffer, never shared with the EE). */
export const blobSchema: Schema<Uint8Array> = {
  shape: 'blob',
  encode(v) {
    if (!(v instanceof Uint8Array)) mismatch('blob', v);
    return new Uint8Array(v);
  },
  decode(data) {
    if (!(data instanceof Uint8Array)) mismatch('blob', data);
    return new Uint8Array(data);
  },
  writeKey(v) {
    if (!(v instanceof Uint8Array)) mismatch('blob', v);
    return 'x' + toHex(v);
  },
  readKey(reader) {
    reader.expect('x');
    const hex = reader.takeRun(HEX_DIGITS);
    if (hex.length % 2 !== 0) reader.fail('odd number of hex digits');
    return new Uint8Array(Buffer.from(hex, 'hex'));
  },
  print: (v) => (v.length === 0 ? '<0 bytes>' : `<${v.length} bytes: ${toHex(v)}>`),
};

/** One of a fixed set of strings (e.g. a recording mode). */
export function oneOfSchema<S extends string>(values: readonly S[]): Schema<S> {
  const label = values.map((v) => JSON.stringify(v)).join('|');
  const check = (v: unknown): S => {
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) mismatch(label, v);
    return v as S;
  };
  return {
    shape: label,
    encode: check,
    decode: check,
    writeKey: (v) => JSON.stringify(check(v)),
    readKey: (reader) => check(reader.takeJsonString()),
    print: (v) => v,
  };
}

/** The answer of a call that returns nothing (notifications). */
export const voidSchema: Schema<void> = {
  shape: 'void',
  encode: () => null,
  decode: () => undefined,
  writeKey: () => '',
  readKey: () => undefined,
  print: () => 'void',
};
