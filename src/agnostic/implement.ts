/**
 * Generates a JitInterface implementation from the table: every method of
 * the interface becomes a prototype method that hands its entry and
 * arguments to one `dispatch`. The recorder, the replay EE and the counting
 * shim are written this way, so none of them has per-method code.
 */

import type { TableEntry } from './entry.js';
import { INTERFACE_TABLE } from './table.js';

export interface TableDispatcher {
  dispatch(entry: TableEntry, args: unknown[]): unknown;
}

/** Adds one method per table entry to `prototype`, each calling `this.dispatch(entry, args)`. */
export function implementFromTable(prototype: TableDispatcher): void {
  for (const entry of INTERFACE_TABLE) {
    const method = function (this: TableDispatcher, ...args: unknown[]): unknown {
      return this.dispatch(entry, args);
    };
    Object.defineProperty(method, 'name', { value: entry.name });
    Object.defineProperty(prototype, entry.name, { value: method, writable: true, configurable: true });
  }
}
