/**
 * The counting shim: forwards every call and counts calls per interface
 * method, over as many compiles as share one CallCounts. Generated from the
 * agnostic table like the recorder.
 */

import type { TableEntry } from '../agnostic/entry.js';
import { implementFromTable, type TableDispatcher } from '../agnostic/implement.js';
import { INTERFACE_TABLE, TABLE_POSITION } from '../agnostic/table.js';
import type { JitInterface } from '../jitee/jit-interface.js';
import type { InterfaceVersionId } from '../jitee/version-id.js';

type MethodTable = Record<string, (...args: unknown[]) => unknown>;

export interface CallCount {
  readonly method: string;
  readonly calls: number;
}

export class CallCounts {
  /** Indexed by table position. */
  private readonly counts = new Float64Array(INTERFACE_TABLE.length);

  increment(entry: TableEntry): void {
    this.counts[TABLE_POSITION.get(entry)!]! += 1;
  }

  /** Calls of the method `name` (0 for an unknown name). */
  calls(name: string): number {
    const i = INTERFACE_TABLE.findIndex((e) => e.name === name);
    return i < 0 ? 0 : this.counts[i]!;
  }

  get total(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }

  /** Adds another set of counts (e.g. from a worker). */
  add(other: CallCounts): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! += other.counts[i]!;
  }

  /** Per method, in table order; uncalled methods only when asked for. */
  rows(includeUncalled = false): CallCount[] {
    const rows: CallCount[] = [];
    INTERFACE_TABLE.forEach((e, i) => {
      const calls = this.counts[i]!;
      if (calls > 0 || includeUncalled) rows.push({ method: e.name, calls });
    });
    return rows;
  }

  /** `method,calls` then one line per method (table order), newline-terminated. */
  toCsv(includeUncalled = false): string {
    return ['method,calls', ...this.rows(includeUncalled).map((r) => `${r.method},${r.calls}`)].join('\n') + '\n';
  }
}

// Declaration merging gives the class JitInterface's methods; implementFromTable (below) supplies them.
export interface CountingJitInterface extends JitInterface {}

export class CountingJitInterface implements TableDispatcher {
  readonly interfaceVersion: InterfaceVersionId;

  constructor(
    readonly inner: JitInterface,
    readonly counts: CallCounts = new CallCounts(),
  ) {
    this.interfaceVersion = inner.interfaceVersion;
  }

  dispatch(entry: TableEntry, args: unknown[]): unknown {
    this.counts.increment(entry);
    return (this.inner as unknown as MethodTable)[entry.name]!(...args);
  }
}

implementFromTable(CountingJitInterface.prototype);
