/**
 * The recording shim: a JitInterface wrapping a live one. Every call is
 * forwarded; queries, notifications and allocMem are recorded into a
 * MethodContext through the agnostic table (key → answer, or key → EEError).
 *
 * The JIT gets back not the live answer but the recorded one served the way
 * replay serves it (decode(encode(answer)), in the layout of the live EE's
 * version), so a live compile and its replay cannot diverge silently: a
 * field the table does not record cannot reach the JIT, and an answer that
 * does not fit its schema fails the recording, naming the call.
 *
 * Result-sink reports (setEHinfo, recordRelocation, …) are only forwarded:
 * what they report is recorded as the CompileResult (recordResult).
 */

import { isRecordedError } from '../agnostic/answers.js';
import type { RecordedEntry, TableEntry } from '../agnostic/entry.js';
import { implementFromTable, type TableDispatcher } from '../agnostic/implement.js';
import { type Encoded, SchemaError } from '../agnostic/schema.js';
import { serveAnswer } from '../agnostic/serve.js';
import type { CompileResult } from '../jitee/compile-result.js';
import { isEEError } from '../jitee/errors.js';
import type { JitInterface } from '../jitee/jit-interface.js';
import type { InterfaceVersionId } from '../jitee/version-id.js';
import { MethodContext } from '../mc/method-context.js';

type MethodTable = Record<string, (...args: unknown[]) => unknown>;

// Declaration merging gives the class JitInterface's methods; implementFromTable (below) supplies them.
export interface RecordingJitInterface extends JitInterface {}

export class RecordingJitInterface implements TableDispatcher {
  readonly interfaceVersion: InterfaceVersionId;

  constructor(
    readonly live: JitInterface,
    /** Where records go; pass an existing context to record a second JIT into it. */
    readonly context: MethodContext = new MethodContext(),
  ) {
    this.interfaceVersion = live.interfaceVersion;
  }

  /** Stores the JIT's result as the live compile's result for this EE's version. */
  recordResult(result: CompileResult): void {
    this.context.setResult(this.interfaceVersion, result);
  }

  dispatch(entry: TableEntry, args: unknown[]): unknown {
    const live = this.live as unknown as MethodTable;
    if (entry.kind === 'report') return live[entry.name]!(...args);
    return this.forwardAndRecord(entry, args, live);
  }

  private forwardAndRecord(entry: RecordedEntry, args: unknown[], live: MethodTable): unknown {
    const key = entry.keyOf(args);
    let answer: unknown;
    try {
      answer = live[entry.name]!(...args);
    } catch (err) {
      if (isEEError(err)) this.context.record(entry, key, { error: err.toData() });
      throw err;
    }
    let encoded: Encoded;
    try {
      encoded = entry.value.encode(answer);
    } catch (err) {
      if (err instanceof SchemaError) throw err.within(`${entry.name}(${entry.printArgs(args)}) answer`);
      throw err;
    }
    const stored = this.context.record(entry, key, encoded);
    if (entry.kind === 'notification') return undefined;
    // record() either stored this answer or merged it with an equal/compatible one; never an error.
    if (isRecordedError(stored)) throw new Error(`${entry.name}: recorded error where an answer was merged`);
    const served = serveAnswer(entry, stored, this.interfaceVersion);
    if (!served.ok) {
      throw new Error(
        `${entry.name}(${entry.printArgs(args)}): the live ${this.interfaceVersion} EE's answer lacks ${served.absentFields.join(', ')}`,
      );
    }
    return served.value;
  }
}

implementFromTable(RecordingJitInterface.prototype);
