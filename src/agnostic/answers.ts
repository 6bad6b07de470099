/**
 * What a recording stores for one key: the encoded answer, or the EE error
 * the call raised (so replay raises it again). Encoded answers are never
 * plain objects (structs are stored as arrays), so `{ error }` cannot be
 * mistaken for an answer.
 */

import type { EEErrorData } from '../jitee/errors.js';
import type { MergeRule, RecordedEntry } from './entry.js';
import type { Encoded } from './schema.js';

export interface RecordedError {
  readonly error: EEErrorData;
}

export type StoredAnswer = Encoded | RecordedError;

export function isRecordedError(answer: StoredAnswer): answer is RecordedError {
  return typeof answer === 'object' && answer !== null && !Array.isArray(answer) && !(answer instanceof Uint8Array);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function encodedEqual(a: Encoded, b: Encoded): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && bytesEqual(a, b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    const bb = b as readonly Encoded[];
    for (let i = 0; i < a.length; i++) if (!encodedEqual(a[i] as Encoded, bb[i]!)) return false;
    return true;
  }
  // Records written by other msgpack settings may hold a small bigint as a number.
  if (typeof a === 'bigint' && typeof b === 'number') return a === BigInt(b);
  if (typeof a === 'number' && typeof b === 'bigint') return BigInt(a) === b;
  return false;
}

export function answersEqual(a: StoredAnswer, b: StoredAnswer): boolean {
  const aErr = isRecordedError(a);
  const bErr = isRecordedError(b);
  if (aErr || bErr) {
    return aErr && bErr && a.error.kind === b.error.kind && a.error.message === b.error.message;
  }
  return encodedEqual(a, b);
}

/**
 * Field union of two struct records (top-level positional arrays where null
 * means absent). Undefined when a field is present in both with different
 * values.
 */
function unionFields(a: readonly Encoded[], b: readonly Encoded[]): readonly Encoded[] | undefined {
  if (a.length !== b.length) return undefined;
  const out: Encoded[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === null) out.push(y);
    else if (y === null || encodedEqual(x, y)) out.push(x);
    else return undefined;
  }
  return out;
}

/**
 * The one answer to keep when `existing` and `incoming` were recorded for the
 * same key, or undefined when they conflict (see MergeRule).
 */
export function mergeAnswers(rule: MergeRule, existing: StoredAnswer, incoming: StoredAnswer): StoredAnswer | undefined {
  if (answersEqual(existing, incoming)) return existing;
  if (rule === 'fieldUnion' && Array.isArray(existing) && Array.isArray(incoming)) {
    return unionFields(existing as readonly Encoded[], incoming as readonly Encoded[]);
  }
  return undefined;
}

/** One line for dumps and conflict messages. */
export function formatAnswer(entry: RecordedEntry | undefined, answer: StoredAnswer): string {
  if (isRecordedError(answer)) return `EEError ${answer.error.kind}: ${answer.error.message}`;
  if (entry === undefined) return '<unknown packet>';
  try {
    return entry.printValue(entry.value.decode(answer));
  } catch (err) {
    return `<undecodable: ${err instanceof Error ? err.message : String(err)}>`;
  }
}
