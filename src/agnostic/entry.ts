/**
 * The shape of one entry of the interface table and the builders the table
 * is written with. An entry names a JitInterface method and says, through
 * schemas, how its arguments form a key and how its answer is stored and
 * printed; everything else (key function, key parser, printers) is derived
 * here, once, for every entry alike.
 *
 * The builders are typed against JitInterface: an entry whose argument or
 * answer schemas do not describe exactly the method's parameter and return
 * types does not compile.
 */

import type {
  CorInfoQueries,
  CorInfoQueryName,
  CorJitResultSink,
  CorJitResultSinkName,
} from '../jitee/jit-interface.js';
import type { InterfaceVersionId } from '../jitee/version-id.js';
import { voidSchema } from './scalar-schemas.js';
import { KeyReader, type Schema, SchemaError } from './schema.js';

export type InterfaceMethodName = CorInfoQueryName | CorJitResultSinkName;

/**
 * - query: a question; recorded key → answer; replay answers from the record
 *   and reports missing data when there is none.
 * - notification: a call that returns nothing (the JIT tells the EE
 *   something); recorded for dumps and counts, never missing on replay.
 * - allocation: a result-sink call whose answer the JIT depends on
 *   (allocMem); recorded like a query; replay may fall back when the JIT asks
 *   for a size never recorded.
 * - report: a result-sink call without an answer; not recorded as a call
 *   (what it reports is part of the CompileResult).
 */
export type EntryKind = 'query' | 'notification' | 'allocation' | 'report';

/**
 * How two answers recorded for one key combine (merging two recordings, or
 * a repeated call while recording).
 * - exact: they must be equal.
 * - fieldUnion: the answer is a struct whose fields may be absent; the
 *   union of both is kept, and a field present in both must be equal.
 */
export type MergeRule = 'exact' | 'fieldUnion';

/** An answer whose layout depends on the interface version served (getAsyncInfo). */
export interface VersionedLayout {
  /** Fields the layout of `version` is made of; replay reports the absent ones as missing. */
  fieldsFor(version: InterfaceVersionId): readonly string[];
  /** The layout of `version`, from a record that has every field fieldsFor(version) names. */
  project(record: unknown, version: InterfaceVersionId): unknown;
}

/** Replay's answer for an allocation key that was never recorded, from the answers that were (record order). */
export type AllocationFallback = (args: readonly unknown[], recorded: readonly unknown[]) => unknown;

export interface RecordedEntry {
  readonly name: InterfaceMethodName;
  readonly kind: 'query' | 'notification' | 'allocation';
  /** Packet id: the stable number a recording stores this method's records under. Never reused. */
  readonly id: number;
  readonly args: readonly Schema<any>[];
  readonly value: Schema<any>;
  readonly merge: MergeRule;
  readonly layout?: VersionedLayout;
  readonly fallback?: AllocationFallback;
  /** The canonical key of a call with these arguments. */
  keyOf(args: readonly unknown[]): string;
  /** The arguments a key was made from (omitted arguments come back as their default). */
  parseKey(key: string): unknown[];
  /** e.g. `CORINFO_HELP_THROW` or `0x0000030000000120, 3`. */
  printArgs(args: readonly unknown[]): string;
  /** printArgs of a recorded key (the key itself when it does not parse). */
  printKey(key: string): string;
  printValue(value: unknown): string;
}

export interface ReportEntry {
  readonly name: CorJitResultSinkName;
  readonly kind: 'report';
}

export type TableEntry = RecordedEntry | ReportEntry;

/** The key of a call without arguments (SuperPMI keys those by 0). */
export const NO_ARGS_KEY = '0';

type ArgSchemas<P extends readonly unknown[]> = { readonly [I in keyof P]: Schema<P[I]> } & {
  readonly length: Required<P>['length'];
};

type QueryArgs<N extends CorInfoQueryName> = Parameters<CorInfoQueries[N]>;
type QueryResult<N extends CorInfoQueryName> = ReturnType<CorInfoQueries[N]>;
type SinkArgs<N extends CorJitResultSinkName> = Parameters<CorJitResultSink[N]>;
type SinkResult<N extends CorJitResultSinkName> = ReturnType<CorJitResultSink[N]>;

function makeKeyOf(schemas: readonly Schema<unknown>[]): (args: readonly unknown[]) => string {
  const n = schemas.length;
  const argError = (err: unknown, i: number): never => {
    if (err instanceof SchemaError) throw err.within(`argument ${i + 1}`);
    throw err;
  };
  if (n === 0) return () => NO_ARGS_KEY;
  if (n === 1) {
    const s0 = schemas[0]!;
    return (args) => {
      try {
        return s0.writeKey(args[0]);
      } catch (err) {
        return argError(err, 0);
      }
    };
  }
  return (args) => {
    let key = '';
    for (let i = 0; i < n; i++) {
      if (i > 0) key += ',';
      try {
        key += schemas[i]!.writeKey(args[i]);
      } catch (err) {
        argError(err, i);
      }
    }
    return key;
  };
}

function makeRecordedEntry(
  name: InterfaceMethodName,
  kind: RecordedEntry['kind'],
  id: number,
  args: readonly Schema<unknown>[],
  value: Schema<unknown>,
  extra: { layout?: VersionedLayout; fallback?: AllocationFallback },
): RecordedEntry {
  const parseKey = (key: string): unknown[] => {
    if (args.length === 0) {
      if (key !== NO_ARGS_KEY) throw new SchemaError(`bad key "${key}" for ${name} (expected ${NO_ARGS_KEY})`);
      return [];
    }
    const reader = new KeyReader(key);
    const out: unknown[] = [];
    for (let i = 0; i < args.length; i++) {
      if (i > 0) reader.expect(',');
      out.push(args[i]!.readKey(reader));
    }
    if (!reader.atEnd) reader.fail('unexpected text after the last argument');
    return out;
  };
  const printArgs = (values: readonly unknown[]): string => args.map((s, i) => s.print(values[i])).join(', ');
  return Object.freeze({
    name,
    kind,
    id,
    args,
    value,
    merge: extra.layout === undefined ? 'exact' : 'fieldUnion',
    ...(extra.layout === undefined ? {} : { layout: extra.layout }),
    ...(extra.fallback === undefined ? {} : { fallback: extra.fallback }),
    keyOf: makeKeyOf(args),
    parseKey,
    printArgs,
    printKey(key: string): string {
      try {
        return printArgs(parseKey(key));
      } catch {
        return key;
      }
    },
    printValue: (v: unknown) => value.print(v),
  } satisfies RecordedEntry);
}

/** A question: key from `args`, answer stored through `value`. */
export function query<N extends CorInfoQueryName>(
  name: N,
  spec: { readonly id: number; readonly args: ArgSchemas<QueryArgs<N>>; readonly value: Schema<QueryResult<N>> },
): RecordedEntry {
  return makeRecordedEntry(name, 'query', spec.id, spec.args as readonly Schema<unknown>[], spec.value as Schema<unknown>, {});
}

/**
 * A question whose answer's layout depends on the interface version: the
 * record (`value`) holds every field any version has, and `layout` picks the
 * served version's fields out of it.
 */
export function versionedQuery<N extends CorInfoQueryName, R extends object>(
  name: N,
  spec: {
    readonly id: number;
    readonly args: ArgSchemas<QueryArgs<N>>;
    readonly value: Schema<R>;
    readonly fieldsFor: (version: InterfaceVersionId) => readonly (keyof R & string)[];
    readonly project: (record: Required<R>, version: InterfaceVersionId) => QueryResult<N>;
  },
): RecordedEntry {
  const layout: VersionedLayout = {
    fieldsFor: spec.fieldsFor,
    project: (record, version) => spec.project(record as Required<R>, version),
  };
  return makeRecordedEntry(name, 'query', spec.id, spec.args as readonly Schema<unknown>[], spec.value as Schema<unknown>, {
    layout,
  });
}

/** A call returning nothing: recorded, never missing on replay. */
export function notification<N extends CorInfoQueryName>(
  name: QueryResult<N> extends void ? N : never,
  spec: { readonly id: number; readonly args: ArgSchemas<QueryArgs<N>> },
): RecordedEntry {
  return makeRecordedEntry(name, 'notification', spec.id, spec.args as readonly Schema<unknown>[], voidSchema as Schema<unknown>, {});
}

/** A result-sink call whose answer the JIT uses (allocMem). */
export function allocation<N extends CorJitResultSinkName>(
  name: N,
  spec: {
    readonly id: number;
    readonly args: ArgSchemas<SinkArgs<N>>;
    readonly value: Schema<SinkResult<N>>;
    readonly fallback: (args: SinkArgs<N>, recorded: readonly SinkResult<N>[]) => SinkResult<N> | undefined;
  },
): RecordedEntry {
  return makeRecordedEntry(name, 'allocation', spec.id, spec.args as readonly Schema<unknown>[], spec.value as Schema<unknown>, {
    fallback: spec.fallback as unknown as AllocationFallback,
  });
}

/** A result-sink call that only reports (its content ends up in the CompileResult). */
export function report(name: CorJitResultSinkName): ReportEntry {
  return Object.freeze({ name, kind: 'report' });
}
