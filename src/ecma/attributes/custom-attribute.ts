import { decodeUtf8 } from '../metadata/heap-text.js';
import { ElementType as E } from '../signatures/element-type.js';
import { SigReader } from '../signatures/sig-reader.js';
import type { MethodSig, TypeSig } from '../signatures/sig-types.js';

/** The type of a custom attribute argument (II.23.3). */
export type CaType =
  /** bool, char, int8 … float64, string. */
  | { readonly kind: 'primitive'; readonly type: number }
  /** System.Type, serialized as a type name. */
  | { readonly kind: 'type' }
  /** System.Object: the value carries its own type. */
  | { readonly kind: 'object' }
  | { readonly kind: 'enum'; readonly name: string; readonly underlying: number }
  | { readonly kind: 'szarray'; readonly element: CaType };

/**
 * An argument value: boolean for bool; number for char, int8 … uint32, float32,
 * float64 and enums up to 32 bits; bigint for 64-bit values; string or null
 * for string and System.Type; the boxed argument for object; an array of
 * arguments (or null) for szarray.
 */
export interface CaArgument {
  readonly type: CaType;
  readonly value: boolean | number | bigint | string | null | CaArgument | CaArgument[];
}

export interface CaNamedArgument {
  readonly kind: 'field' | 'property';
  readonly name: string;
  readonly argument: CaArgument;
}

export interface CustomAttributeValue {
  readonly fixed: CaArgument[];
  readonly named: CaNamedArgument[];
}

/** What the decoder needs to know about the types named in the constructor signature. */
export interface CaTypeContext {
  /** Display name of a TypeDef/TypeRef token. */
  typeName(token: number): string;
  /** True if the class token is System.Type. */
  isSystemType(token: number): boolean;
  /** Underlying element type (I4 …) of the enum type `token`. */
  enumUnderlyingType(token: number): number;
  /** Underlying element type of an enum given by serialized (reflection) type name. */
  enumUnderlyingTypeByName(name: string): number;
}

const PROLOG = 0x0001;
const MAX_NESTING = 32;

/** Decodes a CustomAttribute value blob against its constructor's signature. */
export function decodeCustomAttribute(r: SigReader, ctor: MethodSig, ctx: CaTypeContext): CustomAttributeValue {
  const prolog = r.u16();
  if (prolog !== PROLOG) r.fail(`bad custom attribute prolog 0x${prolog.toString(16)} (expected 0x0001)`);
  const fixed: CaArgument[] = [];
  for (const p of ctor.params) fixed.push(readValue(r, paramCaType(r, p, ctx), ctx, 0));
  const named: CaNamedArgument[] = [];
  // Attributes written without named arguments sometimes end right after the fixed ones.
  const count = r.atEnd ? 0 : r.u16();
  for (let i = 0; i < count; i++) {
    const marker = r.u8();
    if (marker !== E.SerField && marker !== E.SerProperty) r.fail(`named argument ${i} has kind 0x${marker.toString(16)}`);
    const type = readFieldOrPropType(r, ctx, 0);
    const name = readSerString(r);
    if (name === null) r.fail(`named argument ${i} has a null name`);
    named.push({ kind: marker === E.SerField ? 'field' : 'property', name, argument: readValue(r, type, ctx, 0) });
  }
  return { fixed, named };
}

/** The argument type a constructor parameter declares. */
function paramCaType(r: SigReader, t: TypeSig, ctx: CaTypeContext): CaType {
  switch (t.kind) {
    case 'primitive':
      if (t.type === E.Object) return { kind: 'object' };
      if ((t.type >= E.Boolean && t.type <= E.R8) || t.type === E.String) return { kind: 'primitive', type: t.type };
      break;
    case 'class':
      if (ctx.isSystemType(t.token)) return { kind: 'type' };
      break;
    case 'valuetype':
      return { kind: 'enum', name: ctx.typeName(t.token), underlying: ctx.enumUnderlyingType(t.token) };
    case 'szarray':
      return { kind: 'szarray', element: paramCaType(r, t.element, ctx) };
    case 'modified':
      return paramCaType(r, t.type, ctx);
  }
  return r.fail(`custom attribute constructor has a parameter of kind ${t.kind} that attributes cannot encode`);
}

/** FieldOrPropType (II.23.3), used by named arguments and boxed values. */
function readFieldOrPropType(r: SigReader, ctx: CaTypeContext, depth: number): CaType {
  if (depth > MAX_NESTING) r.fail('custom attribute type nests too deeply');
  const at = r.pos;
  const et = r.u8();
  if ((et >= E.Boolean && et <= E.R8) || et === E.String) return { kind: 'primitive', type: et };
  switch (et) {
    case E.SerType:
      return { kind: 'type' };
    case E.SerBoxed:
      return { kind: 'object' };
    case E.SzArray:
      return { kind: 'szarray', element: readFieldOrPropType(r, ctx, depth + 1) };
    case E.SerEnum: {
      const name = readSerString(r);
      if (name === null) r.fail(`enum type name at byte ${at} is null`);
      return { kind: 'enum', name, underlying: ctx.enumUnderlyingTypeByName(name) };
    }
  }
  return r.fail(`invalid custom attribute element type 0x${et.toString(16)} at byte ${at}`);
}

function readValue(r: SigReader, type: CaType, ctx: CaTypeContext, depth: number): CaArgument {
  if (depth > MAX_NESTING) r.fail('custom attribute value nests too deeply');
  switch (type.kind) {
    case 'primitive':
      return { type, value: readPrimitive(r, type.type) };
    case 'enum':
      return { type, value: readPrimitive(r, type.underlying) };
    case 'type':
      return { type, value: readSerString(r) };
    case 'object': {
      const actual = readFieldOrPropType(r, ctx, depth + 1);
      return { type, value: readValue(r, actual, ctx, depth + 1) };
    }
    case 'szarray': {
      const count = r.u32();
      if (count === 0xffffffff) return { type, value: null };
      const values: CaArgument[] = [];
      // Each element takes at least one byte, so a hostile count fails at the blob's end.
      for (let i = 0; i < count; i++) values.push(readValue(r, type.element, ctx, depth + 1));
      return { type, value: values };
    }
  }
}

function readPrimitive(r: SigReader, et: number): boolean | number | bigint | string | null {
  switch (et) {
    case E.Boolean:
      return r.u8() !== 0;
    case E.I1:
      return (r.u8() << 24) >> 24;
    case E.U1:
      return r.u8();
    case E.Char:
    case E.U2:
      return r.u16();
    case E.I2:
      return (r.u16() << 16) >> 16;
    case E.I4:
      return r.u32() | 0;
    case E.U4:
      return r.u32();
    case E.I8:
      return BigInt.asIntN(64, r.u64());
    case E.U8:
      return r.u64();
    case E.R4:
      return floatAt(r.take(4), 4);
    case E.R8:
      return floatAt(r.take(8), 8);
    case E.String:
      return readSerString(r);
  }
  return r.fail(`element type 0x${et.toString(16)} cannot be a custom attribute value`);
}

// Blobs are views into the file buffer at arbitrary offsets: copy the bytes
// into an aligned scratch buffer to read IEEE values.
const scratch = new DataView(new ArrayBuffer(8));

function floatAt(bytes: Uint8Array, size: 4 | 8): number {
  for (let i = 0; i < size; i++) scratch.setUint8(i, bytes[i]!);
  return size === 4 ? scratch.getFloat32(0, true) : scratch.getFloat64(0, true);
}

/** SerString: 0xFF for null, else a compressed length and UTF-8 bytes. */
export function readSerString(r: SigReader): string | null {
  if (r.peek() === 0xff) {
    r.u8();
    return null;
  }
  const length = r.compressed();
  const bytes = r.take(length);
  return decodeUtf8(bytes, 0, bytes.length);
}
