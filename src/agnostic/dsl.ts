/**
 * The schema DSL, `t`: the vocabulary the interface table is written in.
 *
 *   t.method, t.cls, t.field, t.module, t.context, t.argList, t.address, t.u64
 *                                handles and addresses (bigint, 64-bit)
 *   t.u8, t.u16, t.u32, t.i32, t.int
 *                                integers (t.int: any safe integer)
 *   t.token, t.hex32             u32 printed in hex
 *   t.enumOf(E), t.flagsOf(E)    integers printed by name / as flag names
 *   t.helper                     a CorInfoHelpFunc number, printed by name
 *   t.bool, t.str, t.blob, t.void, t.oneOf([...])
 *   t.struct({...}), t.maybe(x), t.array(x), t.nullable(x),
 *   t.omittable(x, default), t.union(tag, cases)
 *   t.printedAs(x, print)        x with its own printer
 */

import type { EnumObject, EnumValue } from '../jitee/enum-util.js';
import { formatEnum, formatFlags } from '../jitee/enum-util.js';
import type {
  CORINFO_ARG_LIST_HANDLE,
  CORINFO_CLASS_HANDLE,
  CORINFO_CONTEXT_HANDLE,
  CORINFO_FIELD_HANDLE,
  CORINFO_METHOD_HANDLE,
  CORINFO_MODULE_HANDLE,
  CodeAddress,
} from '../jitee/handles.js';
import { type CorInfoHelpFunc, formatHelper } from '../jitee/helpers.js';
import {
  arraySchema,
  maybeField,
  nullableSchema,
  omittableSchema,
  structSchema,
  unionSchema,
} from './composite-schemas.js';
import {
  blobSchema,
  boolSchema,
  handleSchema,
  intSchema,
  oneOfSchema,
  stringSchema,
  voidSchema,
} from './scalar-schemas.js';
import type { Schema } from './schema.js';

const I32_MIN = -0x8000_0000;
const I32_MAX = 0x7fff_ffff;
const U32_MAX = 0xffff_ffff;

function hex32(v: number): string {
  return '0x' + (v >>> 0).toString(16).padStart(8, '0');
}

/**
 * Enumerations may carry values outside their table (a newer recording, a
 * bit-combined value); they are accepted as any 32-bit integer and printed
 * by name when one matches.
 */
function enumOf<E extends EnumObject>(table: E): Schema<EnumValue<E>> {
  return intSchema<EnumValue<E>>('enum', I32_MIN, U32_MAX, (v) => formatEnum(table, v));
}

function flagsOf(table: EnumObject): Schema<number> {
  return intSchema<number>('flags', 0, U32_MAX, (v) => formatFlags(table, v));
}

function printedAs<T>(schema: Schema<T>, print: (value: T) => string): Schema<T> {
  return { ...schema, print };
}

export const t = {
  method: handleSchema<CORINFO_METHOD_HANDLE>('method handle'),
  cls: handleSchema<CORINFO_CLASS_HANDLE>('class handle'),
  field: handleSchema<CORINFO_FIELD_HANDLE>('field handle'),
  module: handleSchema<CORINFO_MODULE_HANDLE>('module handle'),
  context: handleSchema<CORINFO_CONTEXT_HANDLE>('context handle'),
  argList: handleSchema<CORINFO_ARG_LIST_HANDLE>('arg list handle'),
  address: handleSchema<CodeAddress>('address'),
  u64: handleSchema<bigint>('u64'),

  u8: intSchema<number>('u8', 0, 0xff),
  u16: intSchema<number>('u16', 0, 0xffff),
  u32: intSchema<number>('u32', 0, U32_MAX),
  i32: intSchema<number>('i32', I32_MIN, I32_MAX),
  int: intSchema<number>('int', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  token: intSchema<number>('token', 0, U32_MAX, hex32),
  hex32: intSchema<number>('u32', 0, U32_MAX, hex32),
  helper: intSchema<CorInfoHelpFunc>('helper', 0, U32_MAX, formatHelper),
  enumOf,
  flagsOf,

  bool: boolSchema,
  str: stringSchema,
  blob: blobSchema,
  void: voidSchema,
  oneOf: oneOfSchema,

  struct: structSchema,
  maybe: maybeField,
  array: arraySchema,
  nullable: nullableSchema,
  omittable: omittableSchema,
  union: unionSchema,
  printedAs,
} as const;
