/**
 * A MethodContext: everything recorded about one method's compile(s).
 *
 * - the root: method, flags, CORINFO_METHOD_INFO, mode, interface versions;
 * - per interface method (packet id), a map key → stored answer (an encoded
 *   answer or a recorded EEError), keys and answers as the agnostic table
 *   defines them;
 * - per interface version, the CompileResult the live compile produced.
 *
 * toData()/fromData() give the plain msgpack-able form the .mch stores.
 * Answers stay encoded in memory: loading a context costs no decoding, and
 * the replay EE decodes only what the JIT asks for.
 */

import type { RecordedEntry } from '../agnostic/entry.js';
import { type StoredAnswer, formatAnswer, isRecordedError, mergeAnswers } from '../agnostic/answers.js';
import { CONTEXT_ROOT, type ContextRoot } from '../agnostic/context-root.js';
import { plainDataEqual } from '../agnostic/plain-equal.js';
import type { Encoded } from '../agnostic/schema.js';
import { RECORDED_ENTRIES, entryById } from '../agnostic/table.js';
import type { CompileResult } from '../jitee/compile-result.js';
import { INTERFACE_VERSION_IDS, type InterfaceVersionId, isInterfaceVersionId } from '../jitee/version-id.js';
import { InputError } from '../util/errors.js';
import { methodHash } from './method-hash.js';

/** Version of the toData() layout. */
export const METHOD_CONTEXT_FORMAT = 1;

export type PacketData = readonly [packetId: number, records: readonly (readonly [key: string, answer: StoredAnswer])[]];

/** The plain form of a MethodContext (what the .mch stores as a context payload). */
export interface MethodContextData {
  readonly format: typeof METHOD_CONTEXT_FORMAT;
  /** CONTEXT_ROOT-encoded root, or null before the root is known. */
  readonly root: Encoded;
  /** One [packet id, [key, answer][]] per interface method with records, by packet id. */
  readonly packets: readonly PacketData[];
  readonly results: readonly (readonly [InterfaceVersionId, CompileResult])[];
}

/**
 * Two recordings disagree: the same call and key with different answers, or
 * different roots or results. Not an EEError: it is a harness failure.
 */
export class MethodContextConflictError extends Error {
  override name = 'MethodContextConflictError';

  constructor(
    /** The interface method (or `root`, `result(base)` …). */
    readonly call: string,
    /** The printed key, when the conflict is about one record. */
    readonly key: string | undefined,
    detail: string,
  ) {
    super(`conflicting records for ${key === undefined ? call : `${call}(${key})`}: ${detail}`);
  }
}

export interface CallStat {
  readonly method: string;
  readonly packetId: number;
  /** Distinct keys recorded. */
  readonly records: number;
  /** Of those, recorded EE errors. */
  readonly errors: number;
}

function packetName(id: number): string {
  return entryById(id)?.name ?? `packet#${id}`;
}

function printKey(id: number, key: string): string {
  return entryById(id)?.printKey(key) ?? key;
}

function answerConflict(id: number, key: string, a: StoredAnswer, b: StoredAnswer): MethodContextConflictError {
  const entry = entryById(id);
  return new MethodContextConflictError(
    packetName(id),
    printKey(id, key),
    `${formatAnswer(entry, a)} vs ${formatAnswer(entry, b)}`,
  );
}

function sortedVersions(versions: Iterable<InterfaceVersionId>): InterfaceVersionId[] {
  const set = new Set(versions);
  return INTERFACE_VERSION_IDS.filter((v) => set.has(v));
}

export class MethodContext {
  private rootValue: ContextRoot | undefined;
  private rootEncoded: Encoded = null;
  private readonly packetMaps = new Map<number, Map<string, StoredAnswer>>();
  private readonly resultMap = new Map<InterfaceVersionId, CompileResult>();

  constructor(root?: ContextRoot) {
    if (root !== undefined) this.setRoot(root);
  }

  get root(): ContextRoot | undefined {
    return this.rootValue;
  }

  /** Sets (replaces) the root; it is validated and normalised through its schema. */
  setRoot(root: ContextRoot): void {
    this.rootEncoded = CONTEXT_ROOT.encode(root);
    this.rootValue = CONTEXT_ROOT.decode(this.rootEncoded);
  }

  requireRoot(): ContextRoot {
    if (this.rootValue === undefined) throw new Error('method context has no root (method, flags, method info)');
    return this.rootValue;
  }

  /** The method hash of the root (see method-hash.ts). */
  methodHash(): string {
    const root = this.requireRoot();
    return methodHash(root.methodInfo, root.flags);
  }

  /** The records of one packet, for fast lookups by the replay EE. */
  packet(packetId: number): ReadonlyMap<string, StoredAnswer> | undefined {
    return this.packetMaps.get(packetId);
  }

  lookup(entry: RecordedEntry, key: string): StoredAnswer | undefined {
    return this.packetMaps.get(entry.id)?.get(key);
  }

  /** [key, answer] pairs of one interface method, in recording order. */
  records(entry: RecordedEntry): [string, StoredAnswer][] {
    return [...(this.packetMaps.get(entry.id) ?? [])];
  }

  /** Packet ids with at least one record, ascending. */
  packetIds(): number[] {
    return [...this.packetMaps.keys()].sort((a, b) => a - b);
  }

  get recordCount(): number {
    let n = 0;
    for (const m of this.packetMaps.values()) n += m.size;
    return n;
  }

  /**
   * Stores `answer` for `key` and returns what is now stored: the answer, or
   * the merge of it with an earlier one (field union for getAsyncInfo).
   * Throws MethodContextConflictError when an earlier answer disagrees.
   */
  record(entry: RecordedEntry, key: string, answer: StoredAnswer): StoredAnswer {
    let map = this.packetMaps.get(entry.id);
    if (map === undefined) {
      map = new Map();
      this.packetMaps.set(entry.id, map);
    }
    const existing = map.get(key);
    if (existing === undefined) {
      map.set(key, answer);
      return answer;
    }
    const merged = mergeAnswers(entry.merge, existing, answer);
    if (merged === undefined) throw answerConflict(entry.id, key, existing, answer);
    if (merged !== existing) map.set(key, merged);
    return merged;
  }

  get results(): ReadonlyMap<InterfaceVersionId, CompileResult> {
    return this.resultMap;
  }

  result(version: InterfaceVersionId): CompileResult | undefined {
    return this.resultMap.get(version);
  }

  /** Stores the live compile's result for `version` and adds the version to the root's list. */
  setResult(version: InterfaceVersionId, result: CompileResult): void {
    this.resultMap.set(version, result);
    const root = this.rootValue;
    if (root !== undefined && !root.interfaceVersions.includes(version)) {
      this.setRoot({ ...root, interfaceVersions: sortedVersions([...root.interfaceVersions, version]) });
    }
  }

  /** Records per interface method, in table order (unknown packets last). */
  callStats(): CallStat[] {
    const stats: CallStat[] = [];
    const known = new Set<number>();
    const statOf = (id: number, map: ReadonlyMap<string, StoredAnswer>): CallStat => {
      let errors = 0;
      for (const a of map.values()) if (isRecordedError(a)) errors++;
      return { method: packetName(id), packetId: id, records: map.size, errors };
    };
    for (const entry of RECORDED_ENTRIES) {
      known.add(entry.id);
      const map = this.packetMaps.get(entry.id);
      if (map !== undefined && map.size > 0) stats.push(statOf(entry.id, map));
    }
    for (const id of this.packetIds()) if (!known.has(id)) stats.push(statOf(id, this.packetMaps.get(id)!));
    return stats;
  }

  /**
   * Adds everything `other` recorded (the same method compiled by another
   * JIT). All or nothing: on a conflict this context is left unchanged.
   */
  merge(other: MethodContext): void {
    const newRoot = this.mergedRoot(other);
    const writes: [number, string, StoredAnswer][] = [];
    for (const [id, theirs] of other.packetMaps) {
      const mine = this.packetMaps.get(id);
      const rule = entryById(id)?.merge ?? 'exact';
      for (const [key, answer] of theirs) {
        const existing = mine?.get(key);
        if (existing === undefined) {
          writes.push([id, key, answer]);
          continue;
        }
        const merged = mergeAnswers(rule, existing, answer);
        if (merged === undefined) throw answerConflict(id, key, existing, answer);
        if (merged !== existing) writes.push([id, key, merged]);
      }
    }
    for (const [version, result] of other.resultMap) {
      const mine = this.resultMap.get(version);
      if (mine !== undefined && !plainDataEqual(mine, result)) {
        throw new MethodContextConflictError(`result(${version})`, undefined, 'the two compile results differ');
      }
    }

    if (newRoot !== undefined) this.setRoot(newRoot);
    for (const [id, key, answer] of writes) {
      let map = this.packetMaps.get(id);
      if (map === undefined) {
        map = new Map();
        this.packetMaps.set(id, map);
      }
      map.set(key, answer);
    }
    for (const [version, result] of other.resultMap) if (!this.resultMap.has(version)) this.resultMap.set(version, result);
  }

  private mergedRoot(other: MethodContext): ContextRoot | undefined {
    const mine = this.rootValue;
    const theirs = other.rootValue;
    if (theirs === undefined) return undefined;
    if (mine === undefined) return theirs;
    const differs = (what: string): never => {
      throw new MethodContextConflictError('root', undefined, `${what} differs`);
    };
    if (mine.method !== theirs.method) differs('method');
    if (mine.flags !== theirs.flags) differs('CORJIT_FLAGS');
    if (mine.mode !== theirs.mode) differs('mode');
    if (!plainDataEqual(mine.methodInfo, theirs.methodInfo)) differs('method info');
    return { ...mine, interfaceVersions: sortedVersions([...mine.interfaceVersions, ...theirs.interfaceVersions]) };
  }

  toData(): MethodContextData {
    const packets: PacketData[] = this.packetIds()
      .filter((id) => this.packetMaps.get(id)!.size > 0)
      .map((id) => [id, [...this.packetMaps.get(id)!]]);
    return {
      format: METHOD_CONTEXT_FORMAT,
      root: this.rootEncoded,
      packets,
      results: [...this.resultMap].sort(([a], [b]) => INTERFACE_VERSION_IDS.indexOf(a) - INTERFACE_VERSION_IDS.indexOf(b)),
    };
  }

  /**
   * Rebuilds a context from toData()'s form (as read back from a .mch).
   * Throws InputError when the data does not have that form. Answers are
   * checked only when used (the replay EE decodes them).
   */
  static fromData(data: unknown): MethodContext {
    const bad = (what: string): never => {
      throw new InputError(`not a method context: ${what}`);
    };
    const doc = (data instanceof Map ? Object.fromEntries(data) : data) as Partial<Record<keyof MethodContextData, unknown>>;
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return bad('not an object');
    if (doc.format !== METHOD_CONTEXT_FORMAT) return bad(`format ${String(doc.format)} (this tspmi reads ${METHOD_CONTEXT_FORMAT})`);

    const mc = new MethodContext();
    if (doc.root !== null && doc.root !== undefined) {
      try {
        mc.rootValue = CONTEXT_ROOT.decode(doc.root as Encoded);
        mc.rootEncoded = doc.root as Encoded;
      } catch (err) {
        bad(`bad root (${err instanceof Error ? err.message : String(err)})`);
      }
    }

    if (!Array.isArray(doc.packets)) return bad('packets is not an array');
    for (const packet of doc.packets as unknown[]) {
      if (!Array.isArray(packet) || packet.length !== 2 || typeof packet[0] !== 'number' || !Array.isArray(packet[1])) {
        return bad('malformed packet');
      }
      const [id, records] = packet as [number, unknown[]];
      if (mc.packetMaps.has(id)) return bad(`packet ${id} appears twice`);
      const map = new Map<string, StoredAnswer>();
      for (const rec of records) {
        if (!Array.isArray(rec) || rec.length !== 2 || typeof rec[0] !== 'string') return bad(`malformed record in packet ${id}`);
        map.set(rec[0], rec[1] as StoredAnswer);
      }
      mc.packetMaps.set(id, map);
    }

    if (!Array.isArray(doc.results)) return bad('results is not an array');
    for (const item of doc.results as unknown[]) {
      if (!Array.isArray(item) || item.length !== 2 || !isInterfaceVersionId(item[0])) return bad('malformed result');
      const result = item[1] as unknown;
      if (typeof result !== 'object' || result === null || typeof (result as { ok?: unknown }).ok !== 'boolean') {
        return bad(`malformed ${String(item[0])} result`);
      }
      mc.resultMap.set(item[0], result as CompileResult);
    }
    return mc;
  }
}
