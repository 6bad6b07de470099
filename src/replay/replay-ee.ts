/**
 * The replay EE: a JitInterface that answers only from a MethodContext, for
 * one interface version. Generated from the agnostic table:
 *
 * - queries: key from the arguments, recorded answer decoded (once per key)
 *   and served in the layout of `interfaceVersion`; a recorded EEError is
 *   raised again; nothing recorded → MissingDataError.
 * - notifications: accepted whatever their arguments (a recorded EEError is
 *   raised again).
 * - result sink: a CompileReportCollector keeps the reports; its allocMem
 *   answers with the recorded block addresses (or, for sizes never recorded,
 *   the table's fallback placement).
 */

import { isRecordedError } from '../agnostic/answers.js';
import type { RecordedEntry, TableEntry } from '../agnostic/entry.js';
import { implementFromTable, type TableDispatcher } from '../agnostic/implement.js';
import type { Encoded } from '../agnostic/schema.js';
import { serveAnswer } from '../agnostic/serve.js';
import { recordedEntry } from '../agnostic/table.js';
import type { AllocMemResult } from '../jitee/compile-result.js';
import { EEError } from '../jitee/errors.js';
import type { JitInterface } from '../jitee/jit-interface.js';
import { CompileReportCollector, type ReportedResults } from '../jitee/result-collector.js';
import type { InterfaceVersionId } from '../jitee/version-id.js';
import type { MethodContext } from '../mc/method-context.js';
import { MissingDataError } from './missing.js';

type MethodTable = Record<string, (...args: unknown[]) => unknown>;

const ALLOC_MEM = recordedEntry('allocMem');

// Declaration merging gives the class JitInterface's methods; implementFromTable (below) supplies them.
export interface ReplayEE extends JitInterface {}

export class ReplayEE implements TableDispatcher {
  /** Everything the JIT reported (code blocks, relocations, EH, GC, debug info). */
  readonly collector: CompileReportCollector;
  /** Served answers by packet id (a small integer) and key: each key is decoded once. */
  private readonly served: (Map<string, unknown> | undefined)[] = [];

  constructor(
    readonly context: MethodContext,
    readonly interfaceVersion: InterfaceVersionId,
  ) {
    this.collector = new CompileReportCollector((args) => this.answer(ALLOC_MEM, [args]) as AllocMemResult);
  }

  get reported(): Readonly<ReportedResults> {
    return this.collector.reported;
  }

  dispatch(entry: TableEntry, args: unknown[]): unknown {
    switch (entry.kind) {
      case 'report':
      case 'allocation':
        return (this.collector as unknown as MethodTable)[entry.name]!(...args);
      case 'notification':
        return this.acknowledge(entry, args);
      case 'query':
        return this.answer(entry, args);
    }
  }

  private acknowledge(entry: RecordedEntry, args: unknown[]): undefined {
    const stored = this.context.packet(entry.id)?.get(entry.keyOf(args));
    if (stored !== undefined && isRecordedError(stored)) throw EEError.fromData(stored.error);
    return undefined;
  }

  private answer(entry: RecordedEntry, args: unknown[]): unknown {
    const key = entry.keyOf(args);
    let cache = this.served[entry.id];
    const hit = cache?.get(key);
    if (hit !== undefined) return hit;

    const stored = this.context.packet(entry.id)?.get(key);
    if (stored === undefined) return this.unrecorded(entry, args);
    if (isRecordedError(stored)) throw EEError.fromData(stored.error);
    const served = serveAnswer(entry, stored, this.interfaceVersion);
    if (!served.ok) throw new MissingDataError(entry.name, entry.printArgs(args), served.absentFields);
    if (cache === undefined) {
      cache = new Map();
      this.served[entry.id] = cache;
    }
    cache.set(key, served.value);
    return served.value;
  }

  private unrecorded(entry: RecordedEntry, args: unknown[]): unknown {
    if (entry.fallback !== undefined) {
      const recorded: unknown[] = [];
      for (const answer of this.context.packet(entry.id)?.values() ?? []) {
        if (!isRecordedError(answer)) recorded.push(entry.value.decode(answer as Encoded));
      }
      const value = entry.fallback(args, recorded);
      if (value !== undefined) return value;
    }
    throw new MissingDataError(entry.name, entry.printArgs(args));
  }
}

implementFromTable(ReplayEE.prototype);
