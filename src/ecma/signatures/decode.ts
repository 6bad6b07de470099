import { ElementType as E, SignatureHeader as H } from './element-type.js';
import { SigReader } from './sig-reader.js';
import type { MemberRefSig, MethodSig, PropertySig, StandAloneSig, TypeSig } from './sig-types.js';

// Signature blobs (ECMA-335 II.23.2). Every loop consumes at least one byte per
// iteration and nesting depth is bounded, so hostile blobs cannot hang the
// reader or exhaust the stack.

const MAX_NESTING = 256;

const primitives: TypeSig[] = [];
for (const t of [
  E.Void, E.Boolean, E.Char, E.I1, E.U1, E.I2, E.U2, E.I4, E.U4, E.I8, E.U8, E.R4, E.R8,
  E.String, E.Object, E.I, E.U, E.TypedByRef,
]) {
  primitives[t] = Object.freeze({ kind: 'primitive', type: t });
}

/** The shared primitive TypeSig for an element type (void, int32, string, …). */
export function primitiveSig(type: number): TypeSig {
  const p = primitives[type];
  if (!p) throw new Error(`not a primitive element type: ${type}`);
  return p;
}

/** One Type (II.23.2.12), including leading custom modifiers and pinned. */
export function readType(r: SigReader, depth = 0): TypeSig {
  if (depth > MAX_NESTING) r.fail(`type nests deeper than ${MAX_NESTING} levels`);
  const at = r.pos;
  const et = r.u8();
  const p = primitives[et];
  if (p) return p;
  switch (et) {
    case E.Class:
      return { kind: 'class', token: r.typeDefOrRefToken() };
    case E.ValueType:
      return { kind: 'valuetype', token: r.typeDefOrRefToken() };
    case E.Var:
      return { kind: 'var', index: r.compressed() };
    case E.MVar:
      return { kind: 'mvar', index: r.compressed() };
    case E.SzArray:
      return { kind: 'szarray', element: readType(r, depth + 1) };
    case E.Ptr:
      return { kind: 'ptr', element: readType(r, depth + 1) };
    case E.ByRef:
      return { kind: 'byref', element: readType(r, depth + 1) };
    case E.Pinned:
      return { kind: 'pinned', type: readType(r, depth + 1) };
    case E.CModReqd:
    case E.CModOpt: {
      const modifier = r.typeDefOrRefToken();
      return { kind: 'modified', required: et === E.CModReqd, modifier, type: readType(r, depth + 1) };
    }
    case E.Array:
      return readArrayShape(r, readType(r, depth + 1));
    case E.GenericInst: {
      const kind = r.u8();
      if (kind !== E.Class && kind !== E.ValueType) r.fail(`GENERICINST at byte ${at} is followed by 0x${kind.toString(16)}, not CLASS or VALUETYPE`);
      const genericType = r.typeDefOrRefToken();
      const count = r.compressed();
      if (count === 0) r.fail(`GENERICINST at byte ${at} has no type arguments`);
      const args: TypeSig[] = [];
      for (let i = 0; i < count; i++) args.push(readType(r, depth + 1));
      return { kind: 'genericinst', isValueType: kind === E.ValueType, genericType, args };
    }
    case E.FnPtr:
      return { kind: 'fnptr', signature: readMethodSigBody(r, r.u8(), depth + 1) };
    default:
      return r.fail(`unexpected element type 0x${et.toString(16)} at byte ${at}`);
  }
}

/** ArrayShape (II.23.2.13) after the element type. */
function readArrayShape(r: SigReader, element: TypeSig): TypeSig {
  const rank = r.compressed();
  if (rank === 0) r.fail('array of rank 0');
  const sizeCount = r.compressed();
  if (sizeCount > rank) r.fail(`array of rank ${rank} declares ${sizeCount} sizes`);
  const sizes: number[] = [];
  for (let i = 0; i < sizeCount; i++) sizes.push(r.compressed());
  const boundCount = r.compressed();
  if (boundCount > rank) r.fail(`array of rank ${rank} declares ${boundCount} lower bounds`);
  const lowerBounds: number[] = [];
  for (let i = 0; i < boundCount; i++) lowerBounds.push(r.compressedSigned());
  return { kind: 'array', element, rank, sizes, lowerBounds };
}

/** RetType or Param: custom modifiers, then BYREF/TYPEDBYREF/VOID or a type. */
function readParamType(r: SigReader, depth: number): TypeSig {
  return readType(r, depth);
}

/** The part of a method signature after its header byte. */
function readMethodSigBody(r: SigReader, header: number, depth: number): MethodSig {
  const callingConvention = header & H.KindMask;
  if (callingConvention > H.Unmanaged || callingConvention === H.Field || callingConvention === H.LocalSig || callingConvention === H.Property) {
    r.fail(`0x${header.toString(16)} is not a method signature header`);
  }
  const genericParamCount = header & H.Generic ? r.compressed() : 0;
  const paramCount = r.compressed();
  const returnType = readParamType(r, depth);
  const params: TypeSig[] = [];
  let sentinelIndex = -1;
  for (let i = 0; i < paramCount; i++) {
    if (r.peek() === E.Sentinel) {
      if (sentinelIndex >= 0) r.fail('method signature has two sentinels');
      r.u8();
      sentinelIndex = i;
    }
    params.push(readParamType(r, depth));
  }
  // A sentinel after the last parameter marks a vararg call with no extra arguments.
  if (!r.atEnd && r.bytes[r.pos] === E.Sentinel && sentinelIndex < 0) {
    r.u8();
    sentinelIndex = paramCount;
  }
  return {
    header,
    callingConvention,
    hasThis: (header & H.HasThis) !== 0,
    explicitThis: (header & H.ExplicitThis) !== 0,
    genericParamCount,
    returnType,
    params,
    sentinelIndex,
  };
}

/** MethodDefSig / MethodRefSig / StandAloneMethodSig. */
export function decodeMethodSig(r: SigReader): MethodSig {
  return readMethodSigBody(r, r.u8(), 0);
}

/** FieldSig (II.23.2.4): FIELD, custom modifiers, type. */
export function decodeFieldSig(r: SigReader): TypeSig {
  const header = r.u8();
  if ((header & H.KindMask) !== H.Field) r.fail(`0x${header.toString(16)} is not a field signature header`);
  return readType(r);
}

/** PropertySig (II.23.2.5). */
export function decodePropertySig(r: SigReader): PropertySig {
  const header = r.u8();
  if ((header & H.KindMask) !== H.Property) r.fail(`0x${header.toString(16)} is not a property signature header`);
  const count = r.compressed();
  const type = readType(r);
  const params: TypeSig[] = [];
  for (let i = 0; i < count; i++) params.push(readType(r));
  return { hasThis: (header & H.HasThis) !== 0, type, params };
}

/** LocalVarSig (II.23.2.6). */
export function decodeLocalVarSig(r: SigReader): TypeSig[] {
  const header = r.u8();
  if (header !== H.LocalSig) r.fail(`0x${header.toString(16)} is not a local variable signature header`);
  return readLocals(r);
}

function readLocals(r: SigReader): TypeSig[] {
  const count = r.compressed();
  const locals: TypeSig[] = [];
  for (let i = 0; i < count; i++) locals.push(readType(r));
  return locals;
}

/** StandAloneSig: locals or a method signature for calli. */
export function decodeStandAloneSig(r: SigReader): StandAloneSig {
  const header = r.peek();
  if (header === H.LocalSig) {
    r.u8();
    return { kind: 'locals', locals: readLocals(r) };
  }
  return { kind: 'method', signature: decodeMethodSig(r) };
}

/** MemberRef signature: FIELD header means a field, anything else a method. */
export function decodeMemberRefSig(r: SigReader): MemberRefSig {
  if ((r.peek() & H.KindMask) === H.Field) return { kind: 'field', type: decodeFieldSig(r) };
  return { kind: 'method', signature: decodeMethodSig(r) };
}

/** TypeSpec blob (II.23.2.14): one type. */
export function decodeTypeSpec(r: SigReader): TypeSig {
  return readType(r);
}

/** MethodSpec blob (II.23.2.15): GENERICINST, count, type arguments. */
export function decodeMethodSpec(r: SigReader): TypeSig[] {
  const header = r.u8();
  if (header !== H.GenericInst) r.fail(`0x${header.toString(16)} is not a method instantiation header`);
  const count = r.compressed();
  if (count === 0) r.fail('method instantiation has no type arguments');
  const args: TypeSig[] = [];
  for (let i = 0; i < count; i++) args.push(readType(r));
  return args;
}
