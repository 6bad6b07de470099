import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CORINFO_CALLINFO_FLAGS,
  CORINFO_CALL_KIND,
  CorInfoTokenKind,
  CorInfoType,
  type CORINFO_CALL_INFO,
  type CORINFO_METHOD_HANDLE,
  type CORINFO_RESOLVED_TOKEN,
  EEError,
  NULL_METHOD_HANDLE,
  methodContext,
} from '../../src/jitee/index.js';
import { Runtime, type LiveJitInterface, type MethodDesc } from '../../src/vm/index.js';
import { enumeratedForm } from '../../src/vm/method-enumeration.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesBin = join(repoRoot, 'test/fixtures/bin');
export const fixtureNames = ['Basics', 'Objects', 'Exceptions', 'Generics', 'AsyncSamples'] as const;
export const fixturePaths = fixtureNames.map((n) => join(fixturesBin, `${n}.dll`));
export const corlibPath = join(fixturesBin, 'System.Private.CoreLib.dll');
export const consumerPath = join(repoRoot, 'test/vm/data/VmConsumer.dll');
export const monoDir = '/usr/lib/mono/4.5';
export const monoPresent = ['mscorlib.dll', 'System.dll', 'System.Core.dll'].every((f) => existsSync(join(monoDir, f)));

export function loadFixtures(): Runtime {
  return Runtime.load({ assemblies: fixturePaths });
}

// ---- IL scanning ----------------------------------------------------------------------

type Operand = 'none' | 'i1' | 'i2' | 'i4' | 'i8' | 'tok' | 'switch';

function oneByteOperand(op: number): Operand {
  if (op >= 0x0e && op <= 0x13) return 'i1';
  if (op === 0x1f) return 'i1';
  if (op === 0x20 || op === 0x22) return 'i4';
  if (op === 0x21 || op === 0x23) return 'i8';
  if (op >= 0x2b && op <= 0x37) return 'i1';
  if (op === 0xde) return 'i1';
  if (op >= 0x38 && op <= 0x44) return 'i4';
  if (op === 0xdd) return 'i4';
  if (op === 0x45) return 'switch';
  const tokenOps = [0x27, 0x28, 0x29, 0x6f, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x79, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f, 0x80, 0x81, 0x8c, 0x8d, 0x8f, 0xa3, 0xa4, 0xa5, 0xc2, 0xc6, 0xd0];
  return tokenOps.includes(op) ? 'tok' : 'none';
}

function twoByteOperand(op: number): Operand {
  if (op >= 0x09 && op <= 0x0e) return 'i2';
  if (op === 0x12 || op === 0x19) return 'i1';
  if (op === 0x06 || op === 0x07 || op === 0x15 || op === 0x16 || op === 0x1c) return 'tok';
  return 'none';
}

export interface ILInstruction {
  readonly offset: number;
  /** One-byte opcodes as is, two-byte ones as 0xFE00 | second byte. */
  readonly opcode: number;
  readonly token?: number;
}

export function* ilInstructions(code: Uint8Array): Generator<ILInstruction> {
  const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
  let pc = 0;
  while (pc < code.length) {
    const offset = pc;
    let opcode = code[pc++]!;
    let operand: Operand;
    if (opcode === 0xfe) {
      opcode = 0xfe00 | code[pc++]!;
      operand = twoByteOperand(opcode & 0xff);
    } else operand = oneByteOperand(opcode);
    let token: number | undefined;
    switch (operand) {
      case 'i1':
        pc += 1;
        break;
      case 'i2':
        pc += 2;
        break;
      case 'i4':
        pc += 4;
        break;
      case 'i8':
        pc += 8;
        break;
      case 'tok':
        token = view.getUint32(pc, true);
        pc += 4;
        break;
      case 'switch':
        pc += 4 + 4 * view.getUint32(pc, true);
        break;
      default:
        break;
    }
    yield token === undefined ? { offset, opcode } : { offset, opcode, token };
  }
}

export const OP = {
  call: 0x28,
  callvirt: 0x6f,
  newobj: 0x73,
  calli: 0x29,
  jmp: 0x27,
  ldstr: 0x72,
  ldtoken: 0xd0,
  box: 0x8c,
  newarr: 0x8d,
  castclass: 0x74,
  isinst: 0x75,
  ldftn: 0xfe06,
  ldvirtftn: 0xfe07,
  constrained: 0xfe16,
  fieldOps: [0x7b, 0x7c, 0x7d, 0x7e, 0x7f, 0x80],
} as const;

function tokenKindOf(opcode: number): CorInfoTokenKind | undefined {
  const K = CorInfoTokenKind;
  switch (opcode) {
    case OP.call:
    case OP.callvirt:
    case OP.jmp:
    case OP.ldftn:
      return K.CORINFO_TOKENKIND_Method;
    case OP.newobj:
      return K.CORINFO_TOKENKIND_NewObj;
    case OP.ldvirtftn:
      return K.CORINFO_TOKENKIND_Ldvirtftn;
    case OP.ldtoken:
      return K.CORINFO_TOKENKIND_Ldtoken;
    case OP.box:
      return K.CORINFO_TOKENKIND_Box;
    case OP.newarr:
      return K.CORINFO_TOKENKIND_Newarr;
    case OP.castclass:
    case OP.isinst:
      return K.CORINFO_TOKENKIND_Casting;
    case OP.constrained:
      return K.CORINFO_TOKENKIND_Constrained;
    default:
      if ((OP.fieldOps as readonly number[]).includes(opcode)) return K.CORINFO_TOKENKIND_Field;
      if (opcode === OP.ldstr || opcode === OP.calli) return undefined;
      return K.CORINFO_TOKENKIND_Class;
  }
}

export interface WalkStats {
  queries: number;
  calls: CORINFO_CALL_INFO[];
  eeErrors: EEError[];
}

/**
 * Asks what a JIT importer asks for every token of a method's IL (and of
 * what it calls, one level deep when `inlineDepth` > 0), the way a JIT
 * would: resolveToken, then getCallInfo / getFieldInfo / class queries.
 * EEErrors are collected; anything else propagates.
 */
export function walkMethod(ji: LiveJitInterface, method: CORINFO_METHOD_HANDLE = ji.method, stats: WalkStats = { queries: 0, calls: [], eeErrors: [] }, inlineDepth = 0): WalkStats {
  const attempt = <T>(fn: () => T): T | undefined => {
    stats.queries++;
    try {
      return fn();
    } catch (err) {
      if (err instanceof EEError) {
        stats.eeErrors.push(err);
        return undefined;
      }
      throw err;
    }
  };
  const info = attempt(() => ji.getMethodInfo(method));
  if (!info) return stats;
  attempt(() => ji.getMethodAttribs(method));
  for (let i = 0; i < info.EHcount; i++) attempt(() => ji.getEHinfo(method, i));
  const walkArgs = (sig: typeof info.args) => {
    let a = sig.args;
    for (let i = 0; i < sig.numArgs; i++) {
      const cur = a;
      const t = attempt(() => ji.getArgType(sig, cur));
      if (t && (t.type & 0x3f) === CorInfoType.CORINFO_TYPE_VALUECLASS) {
        attempt(() => ji.getClassSize(t.argClass));
        attempt(() => ji.getClassGClayout(t.argClass));
      }
      attempt(() => ji.getArgClass(sig, cur));
      a = ji.getArgNext(a);
    }
  };
  walkArgs(info.args);
  walkArgs(info.locals);
  const context = methodContext(method);
  let constrained: CORINFO_RESOLVED_TOKEN | null = null;
  for (const ins of ilInstructions(info.ILCode)) {
    if (ins.token === undefined) continue;
    if (ins.opcode === OP.ldstr) {
      attempt(() => ji.getStringLiteral(info.scope, ins.token!));
      attempt(() => ji.constructStringLiteral(info.scope, ins.token!));
      continue;
    }
    const kind = tokenKindOf(ins.opcode);
    if (kind === undefined) continue;
    const resolved = attempt(() => ji.resolveToken({ tokenContext: context, tokenScope: info.scope, token: ins.token!, tokenType: kind }));
    if (!resolved) continue;
    if (ins.opcode === OP.constrained) {
      constrained = resolved;
      continue;
    }
    if (kind === CorInfoTokenKind.CORINFO_TOKENKIND_Field) {
      attempt(() => ji.getFieldInfo(resolved, method, 0));
      attempt(() => ji.getFieldType(resolved.hField, resolved.hClass));
    } else if (resolved.hMethod !== NULL_METHOD_HANDLE && ins.opcode !== OP.ldtoken) {
      const F = CORINFO_CALLINFO_FLAGS;
      const flags =
        (ins.opcode === OP.callvirt || ins.opcode === OP.ldvirtftn ? F.CORINFO_CALLINFO_CALLVIRT : 0) |
        (ins.opcode === OP.ldftn || ins.opcode === OP.ldvirtftn ? F.CORINFO_CALLINFO_LDFTN : 0) |
        F.CORINFO_CALLINFO_ALLOWINSTPARAM;
      const call = attempt(() => ji.getCallInfo(resolved, constrained, method, flags));
      constrained = null;
      if (call) {
        stats.calls.push(call);
        if (call.kind === CORINFO_CALL_KIND.CORINFO_CALL) attempt(() => ji.getFunctionEntryPoint(call.hMethod, 0));
        if (call.kind === CORINFO_CALL_KIND.CORINFO_VIRTUALCALL_VTABLE) attempt(() => ji.getMethodVTableOffset(call.hMethod));
        if (ins.opcode === OP.newobj) {
          attempt(() => ji.getClassAttribs(resolved.hClass));
          attempt(() => ji.getNewHelper(resolved.hClass));
        }
        const canInline = attempt(() => ji.canInline(method, call.hMethod));
        if (inlineDepth > 0 && canInline === 0) walkMethod(ji, call.hMethod, stats, inlineDepth - 1);
      }
    } else {
      attempt(() => ji.getClassAttribs(resolved.hClass));
      attempt(() => ji.getClassName(resolved.hClass));
      if (ins.opcode === OP.ldtoken) attempt(() => ji.getTokenTypeAsHandle(resolved));
      if (ins.opcode === OP.box) attempt(() => ji.getBoxHelper(resolved.hClass));
      if (ins.opcode === OP.newarr) attempt(() => ji.getNewArrHelper(resolved.hClass));
      if (ins.opcode === OP.castclass || ins.opcode === OP.isinst) attempt(() => ji.getCastingHelper(resolved, ins.opcode === OP.castclass));
    }
  }
  return stats;
}

// ---- finding methods and their tokens ---------------------------------------------------

/** The enumerated (PMI) form of `Type::name` (the one method of that name). */
export function methodNamed(rt: Runtime, typeName: string, name: string, assembly?: string): MethodDesc {
  const type = rt.findType(typeName, assembly);
  const defs = type.def.methods.filter((m) => m.name === name);
  if (defs.length !== 1) throw new Error(`${typeName} has ${defs.length} methods named ${name}`);
  return enumeratedForm(rt, defs[0]!);
}

export interface ResolvedInstruction {
  readonly opcode: number;
  readonly token: number;
  readonly resolved: CORINFO_RESOLVED_TOKEN;
  readonly constrained: CORINFO_RESOLVED_TOKEN | null;
}

/** Every token-bearing instruction of the compiled method, resolved as a JIT would (strings skipped). */
export function resolvedInstructions(ji: LiveJitInterface): ResolvedInstruction[] {
  const info = ji.methodInfo()!;
  const out: ResolvedInstruction[] = [];
  let constrained: CORINFO_RESOLVED_TOKEN | null = null;
  for (const ins of ilInstructions(info.ILCode)) {
    if (ins.token === undefined || ins.opcode === OP.ldstr || ins.opcode === OP.calli) continue;
    const kind = tokenKindOf(ins.opcode)!;
    const resolved = ji.resolveToken({ tokenContext: methodContext(ji.method), tokenScope: info.scope, token: ins.token, tokenType: kind });
    if (ins.opcode === OP.constrained) {
      constrained = resolved;
      continue;
    }
    out.push({ opcode: ins.opcode, token: ins.token, resolved, constrained });
    constrained = null;
  }
  return out;
}

/** getCallInfo for every call-like instruction (call, callvirt, newobj, ldftn, ldvirtftn). */
export function callsOf(ji: LiveJitInterface): { opcode: number; info: CORINFO_CALL_INFO; resolved: CORINFO_RESOLVED_TOKEN }[] {
  const F = CORINFO_CALLINFO_FLAGS;
  return resolvedInstructions(ji)
    .filter((r) => [OP.call, OP.callvirt, OP.newobj, OP.ldftn, OP.ldvirtftn].includes(r.opcode as never))
    .map((r) => {
      const flags =
        (r.opcode === OP.callvirt || r.opcode === OP.ldvirtftn ? F.CORINFO_CALLINFO_CALLVIRT : 0) |
        (r.opcode === OP.ldftn || r.opcode === OP.ldvirtftn ? F.CORINFO_CALLINFO_LDFTN : 0) |
        F.CORINFO_CALLINFO_ALLOWINSTPARAM;
      return { opcode: r.opcode, resolved: r.resolved, info: ji.getCallInfo(r.resolved, r.constrained, ji.method, flags) };
    });
}
