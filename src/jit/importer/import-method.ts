/**
 * The importer: reads a method's IL through the JitInterface and builds its
 * IR (ir/method.ts). Blocks are imported in IL order with the evaluation
 * stack modelled as in state.ts; a block reached only by backward branches
 * starts with an empty stack (ECMA-335 III.1.7.5).
 */

import {
  CorInfoClassFlags, CorInfoOptions, sigHasExplicitThis, sigHasThis, sigHasTypeArg, sigIsVarArg,
  type CORINFO_EH_CLAUSE, type CORINFO_METHOD_INFO, type CORJIT_FLAGS, type JitInterface,
} from '../../jitee/index.js';
import { decodeIL, hex4, type ILInstruction } from '../il/decode.js';
import { ILFormatError, JitLimitation } from '../il/il-error.js';
import { newBlock, newMethod, newVar, type IrMethod } from '../ir/method.js';
import { T, sameType, stackTypeOf, type IrType } from '../ir/types.js';
import { findBasicBlocks, type BlockMap } from './basic-blocks.js';
import { EECache } from './ee-cache.js';
import { checkClause, clauseKind } from './eh-clauses.js';
import { importInstruction } from './instructions.js';
import { fullMethodName, passesByReference, returnsThroughBuffer, sigParams, sigReturnType, type SigParam } from './signature.js';
import { ImportState } from './state.js';
import { OP } from '../il/opcodes.js';

export interface ImportResult {
  readonly method: IrMethod;
  readonly ee: EECache;
}

export function importMethod(jit: JitInterface, info: CORINFO_METHOD_INFO, flags: CORJIT_FLAGS): ImportResult {
  const ee = new EECache(jit);
  const il = info.ILCode;
  if (il.length === 0) throw new ILFormatError('method has no IL');
  if (sigIsVarArg(info.args)) throw new JitLimitation('vararg method');

  const returnType = sigReturnType(ee, info.args);
  const params = sigParams(jit, ee, info.args);
  const name = fullMethodName(jit, ee, info.ftn, info.args, params);
  const method = newMethod({
    handle: info.ftn, name, returnType, initLocals: (info.options & CorInfoOptions.CORINFO_OPT_INIT_LOCALS) !== 0,
    sig: info.args, ilSize: il.length,
  });
  const s = new ImportState(jit, ee, info, method, flags);
  declareArguments(s, returnType, params);
  declareLocals(s);

  const code = decodeIL(il);
  const clauses: CORINFO_EH_CLAUSE[] = [];
  for (let i = 0; i < info.EHcount; i++) {
    const clause = jit.getEHinfo(info.ftn, i);
    checkClause(clause, il.length, i);
    clauses.push(clause);
  }
  s.ilClauses = clauses;
  const map = findBasicBlocks(code, il.length, clauses);
  markAddressTaken(s, code);

  for (const b of map.blocks) method.layout.push(newBlock(method, b.start).id);
  declareClauses(s, clauses, map);
  importBlocks(s, code, map, clauses);
  return { method, ee };
}

function declareArguments(s: ImportState, returnType: IrType | undefined, params: readonly SigParam[]): void {
  const { info, method, ee } = s;
  const sig = info.args;
  if (sigHasThis(sig) && !sigHasExplicitThis(sig)) {
    const cls = ee.methodClass(info.ftn);
    const isValue = (ee.classAttributes(cls) & CorInfoClassFlags.CORINFO_FLG_VALUECLASS) !== 0;
    const v = newVar(method, 'arg', isValue ? T.byref : T.ref, { ilIndex: 0 });
    s.argVars.push(v.id);
    addAbiArg(method, v.id);
  }
  if (returnsThroughBuffer(returnType)) {
    const v = newVar(method, 'hidden', T.byref, { hidden: 'returnBuffer' });
    method.returnBuffer = v.id;
    addAbiArg(method, v.id);
  }
  if (sigHasTypeArg(sig)) {
    const v = newVar(method, 'hidden', T.i, { hidden: 'genericContext' });
    method.genericContext = v.id;
    addAbiArg(method, v.id);
  }
  if ((info.options & CorInfoOptions.CORINFO_GENERICS_CTXT_KEEP_ALIVE) !== 0) method.keepGenericContextAlive = true;
  for (const param of params) {
    const v = newVar(method, 'arg', param.type, { ilIndex: s.argVars.length });
    v.passedByReference = passesByReference(param.type);
    s.argVars.push(v.id);
    addAbiArg(method, v.id);
  }
}

function addAbiArg(method: IrMethod, id: number): void {
  method.vars[id]!.abiIndex = method.abiArgs.length;
  method.abiArgs.push(id);
}

function declareLocals(s: ImportState): void {
  if (s.info.locals.numArgs === 0) return;
  for (const param of sigParams(s.jit, s.ee, s.info.locals)) {
    const v = newVar(s.method, 'local', param.type, { ilIndex: s.localVars.length });
    v.pinned = param.pinned;
    s.localVars.push(v.id);
  }
}

/** Locals and arguments whose address is taken are never read lazily. */
function markAddressTaken(s: ImportState, code: readonly ILInstruction[]): void {
  for (const ins of code) {
    let id: number | undefined;
    switch (ins.opcode) {
      case OP['ldarga.s']: case OP['ldarga']: id = s.argVars[ins.operand]; break;
      case OP['ldloca.s']: case OP['ldloca']: id = s.localVars[ins.operand]; break;
      default: continue;
    }
    if (id === undefined) throw new ILFormatError(`IL_${hex4(ins.offset)}: variable ${ins.operand} does not exist`);
    s.method.vars[id]!.addressTaken = true;
  }
}

function declareClauses(s: ImportState, clauses: readonly CORINFO_EH_CLAUSE[], map: BlockMap): void {
  const blockAt = (offset: number): number => {
    const b = map.blockAt[offset]!;
    if (b < 0) throw new ILFormatError(`EH boundary IL_${hex4(offset)} is not a block start`);
    return b;
  };
  const lastBefore = (end: number): number => {
    const b = map.blockAt[end];
    return (b === undefined || b < 0 ? map.blocks.length : b) - 1;
  };
  clauses.forEach((c) => {
    const kind = clauseKind(c);
    const needsSlot = kind !== 'catch';
    s.method.clauses.push({
      kind,
      tryFirst: blockAt(c.tryOffset),
      tryLast: lastBefore(c.tryOffset + c.tryLength),
      handlerFirst: blockAt(c.handlerOffset),
      handlerLast: lastBefore(c.handlerOffset + c.handlerLength),
      filterFirst: kind === 'filter' ? blockAt(c.classTokenOrFilterOffset) : -1,
      classToken: kind === 'catch' ? c.classTokenOrFilterOffset : 0,
      catchClass: 0n as never,
      returnSlot: needsSlot ? newVar(s.method, 'temp', T.i).id : -1,
    });
  });
}

function importBlocks(s: ImportState, code: readonly ILInstruction[], map: BlockMap, clauses: readonly CORINFO_EH_CLAUSE[]): void {
  const { method } = s;
  const reachable = findReachable(code, map, clauses);
  const entryStates = s.entryStates;
  entryStates.length = map.blocks.length;
  entryStates.fill(undefined);
  // Handler entries: the exception object for catch and filter, nothing for finally and fault.
  const handlerEntry = new Map<number, number>();
  method.clauses.forEach((c, i) => {
    handlerEntry.set(c.handlerFirst, i);
    if (c.filterFirst >= 0) handlerEntry.set(c.filterFirst, i);
    entryStates[c.handlerFirst] = c.kind === 'catch' || c.kind === 'filter' ? [T.ref] : [];
    if (c.filterFirst >= 0) entryStates[c.filterFirst] = [T.ref];
  });

  for (let b = 0; b < map.blocks.length; b++) {
    const block = method.blocks[b]!;
    if (!reachable[b]) {
      block.reachable = false;
      continue;
    }
    s.block = block;
    s.resetStack(entryStates[b] ?? []);
    const clauseIndex = handlerEntry.get(b);
    if (clauseIndex !== undefined) emitHandlerEntry(s, clauseIndex, b);
    const ilBlock = map.blocks[b]!;
    let endedFlow = false;
    for (let i = ilBlock.first; i < ilBlock.last; i++) {
      const ins = code[i]!;
      s.beginInstruction(ins);
      s.emitMarker(ins.offset);
      if (importInstruction(s, ins, map)) {
        endedFlow = true;
        if (i !== ilBlock.last - 1) throw new ILFormatError(`IL_${hex4(ins.offset)}: block ends in the middle`);
      }
    }
    if (!endedFlow) {
      // Falls through into the next block.
      const next = b + 1;
      if (next >= map.blocks.length) throw new ILFormatError(`IL_${hex4(ilBlock.start)}: control runs off the end of the method`);
      leaveStackFor(s, [next]);
      s.emit({ op: 'jump', target: next });
    }
  }
}

function emitHandlerEntry(s: ImportState, clauseIndex: number, b: number): void {
  const c = s.method.clauses[clauseIndex]!;
  const isFilterStart = c.filterFirst === b;
  if (c.kind === 'finally' || c.kind === 'fault' || isFilterStart) s.emit({ op: 'handlerEntry', slot: c.returnSlot });
  if (c.kind === 'catch' || c.kind === 'filter') s.pushCatchArg();
}

/**
 * Puts the stack where each target block expects it: the entries' stack
 * temporaries, of the types the target was first reached with.
 */
export function leaveStackFor(s: ImportState, targets: readonly number[]): void {
  const entryStates = s.entryStates;
  for (const target of targets) {
    const expected = entryStates[target];
    if (expected === undefined) {
      entryStates[target] = s.stack.map((e) => e.type);
      continue;
    }
    if (expected.length !== s.stack.length) {
      throw new ILFormatError(`IL_${hex4(s.ins.offset)}: stack depth ${s.stack.length} differs from ${expected.length} at a join`);
    }
  }
  for (let depth = 0; depth < s.stack.length; depth++) {
    const entry = s.stack[depth]!;
    const wanted = new Set<IrType>();
    for (const target of targets) wanted.add(entryStates[target]![depth]!);
    for (const type of wanted) {
      if (!compatibleAtJoin(entry.type, type)) {
        throw new ILFormatError(`IL_${hex4(s.ins.offset)}: stack entry ${depth} is ${entry.type.kind} here but ${type.kind} at a join`);
      }
      const temp = s.stackTemp(depth, type);
      if (entry.operand.k === 'var' && entry.operand.id === temp) continue;
      s.emit({ op: 'copy', dst: temp, src: entry.operand, type: entry.type });
    }
  }
}

function compatibleAtJoin(actual: IrType, expected: IrType): boolean {
  if (sameType(actual, expected)) return true;
  const a = stackTypeOf(actual).kind;
  const e = expected.kind;
  if ((a === 'i4' || a === 'i' || a === 'i8') && (e === 'i4' || e === 'i' || e === 'i8')) return true;
  if ((a === 'f4' || a === 'f8') && (e === 'f4' || e === 'f8')) return true;
  if ((a === 'ref' || a === 'byref' || a === 'i') && (e === 'byref' || e === 'i')) return true;
  if (a === 'ref' && e === 'ref') return true;
  return false;
}

/** Blocks reachable from the entry and from every handler and filter. */
function findReachable(code: readonly ILInstruction[], map: BlockMap, clauses: readonly CORINFO_EH_CLAUSE[]): Uint8Array {
  const reachable = new Uint8Array(map.blocks.length);
  const work: number[] = [0];
  for (const c of clauses) {
    work.push(map.blockAt[c.handlerOffset]!);
    if (clauseKind(c) === 'filter') work.push(map.blockAt[c.classTokenOrFilterOffset]!);
  }
  while (work.length > 0) {
    const b = work.pop()!;
    if (b < 0 || reachable[b]) continue;
    reachable[b] = 1;
    const block = map.blocks[b]!;
    const last = code[block.last - 1]!;
    for (const target of ilSuccessors(last, map)) work.push(target);
  }
  return reachable;
}

function ilSuccessors(last: ILInstruction, map: BlockMap): number[] {
  const out: number[] = [];
  const add = (offset: number): void => {
    const b = map.blockAt[offset];
    if (b !== undefined && b >= 0) out.push(b);
  };
  const op = last.opcode;
  if (last.targets !== undefined) {
    for (const t of last.targets) add(t);
    add(last.next);
  } else if (op === OP['br.s'] || op === OP['br'] || op === OP['leave'] || op === OP['leave.s']) {
    add(last.operand);
  } else if (
    op === OP['ret'] || op === OP['throw'] || op === OP['rethrow'] || op === OP['endfinally']
    || op === OP['endfilter'] || op === OP['jmp']
  ) {
    // no successors in the method
  } else if (isBranch(op)) {
    add(last.operand);
    add(last.next);
  } else {
    add(last.next);
  }
  return out;
}

const BRANCHES = new Set<number>([
  'brfalse.s', 'brtrue.s', 'beq.s', 'bge.s', 'bgt.s', 'ble.s', 'blt.s', 'bne.un.s', 'bge.un.s', 'bgt.un.s', 'ble.un.s', 'blt.un.s',
  'brfalse', 'brtrue', 'beq', 'bge', 'bgt', 'ble', 'blt', 'bne.un', 'bge.un', 'bgt.un', 'ble.un', 'blt.un',
].map((n) => OP[n]!));

function isBranch(opcode: number): boolean {
  return BRANCHES.has(opcode);
}

