/**
 * Schemas built from other schemas: structs (encoded positionally, in field
 * order), arrays, nullable values, arguments that may be omitted, fields that
 * may be absent, and unions discriminated by one field.
 *
 * Field order is part of the recorded format: a struct is stored as the
 * array of its fields in the order the schema lists them.
 */

import { type Encoded, type KeyReader, type Schema, SchemaError } from './schema.js';

function rethrowWithin(err: unknown, segment: string): never {
  if (err instanceof SchemaError) throw err.within(segment);
  throw err;
}

function expectArray(data: Encoded, shape: string, length?: number): readonly Encoded[] {
  if (!Array.isArray(data)) throw new SchemaError(`expected ${shape} (an array), got ${data === null ? 'null' : typeof data}`);
  const arr = data as readonly Encoded[];
  if (length !== undefined && arr.length !== length) {
    throw new SchemaError(`expected ${shape} with ${length} elements, got ${arr.length}`);
  }
  return arr;
}

function expectObject(value: unknown, shape: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw new SchemaError(`expected ${shape}, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  return value as Readonly<Record<string, unknown>>;
}

/** A struct field that may be absent (undefined); stored as null, decoded as a missing property. */
export interface MaybeField<T> {
  readonly maybe: Schema<T>;
}

// `any` lets schemas of every value type stand in one record type.
export type FieldSpec = Schema<any> | MaybeField<any>;
export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

// MaybeField<any>: Schema<T> is invariant in T, so MaybeField<X> does not extend MaybeField<unknown>.
type RequiredKeys<F> = { [K in keyof F]: F[K] extends MaybeField<any> ? never : K }[keyof F];
type MaybeKeys<F> = { [K in keyof F]: F[K] extends MaybeField<any> ? K : never }[keyof F];
type FieldValue<S> = S extends MaybeField<infer T> ? T : S extends Schema<infer T> ? T : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The value type of a struct schema with fields F. */
export type StructValue<F> = Simplify<
  { readonly [K in RequiredKeys<F>]: FieldValue<F[K]> } & { readonly [K in MaybeKeys<F>]?: FieldValue<F[K]> }
>;

export function structSchema<F extends FieldSpecs>(fields: F): Schema<StructValue<F>> {
  const names = Object.keys(fields);
  const n = names.length;
  const schemas: Schema<unknown>[] = [];
  const optional: boolean[] = [];
  for (const name of names) {
    const spec = fields[name]!;
    const isMaybe = 'maybe' in spec;
    optional.push(isMaybe);
    schemas.push(isMaybe ? (spec as MaybeField<unknown>).maybe : (spec as Schema<unknown>));
  }
  const shape = `struct{${names.map((name, i) => name + (optional[i] ? '?' : '')).join(',')}}`;

  return {
    shape,
    encode(value) {
      const v = expectObject(value, shape);
      const out: Encoded[] = new Array<Encoded>(n);
      for (let i = 0; i < n; i++) {
        const fv = v[names[i]!];
        if (optional[i] && fv === undefined) {
          out[i] = null;
          continue;
        }
        try {
          out[i] = schemas[i]!.encode(fv);
        } catch (err) {
          rethrowWithin(err, '.' + names[i]!);
        }
      }
      return out;
    },
    decode(data) {
      const arr = expectArray(data, shape, n);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const fd = arr[i]!;
        if (optional[i] && fd === null) continue;
        try {
          out[names[i]!] = schemas[i]!.decode(fd);
        } catch (err) {
          rethrowWithin(err, '.' + names[i]!);
        }
      }
      return out as StructValue<F>;
    },
    writeKey(value) {
      const v = expectObject(value, shape);
      let key = '{';
      for (let i = 0; i < n; i++) {
        if (i > 0) key += ',';
        const fv = v[names[i]!];
        if (optional[i] && fv === undefined) {
          key += '~';
          continue;
        }
        try {
          key += schemas[i]!.writeKey(fv);
        } catch (err) {
          rethrowWithin(err, '.' + names[i]!);
        }
      }
      return key + '}';
    },
    readKey(reader: KeyReader) {
      const out: Record<string, unknown> = {};
      reader.expect('{');
      for (let i = 0; i < n; i++) {
        if (i > 0) reader.expect(',');
        if (optional[i] && reader.accept('~')) continue;
        out[names[i]!] = schemas[i]!.readKey(reader);
      }
      reader.expect('}');
      return out as StructValue<F>;
    },
    print(value) {
      const v = value as Readonly<Record<string, unknown>>;
      const parts: string[] = [];
      for (let i = 0; i < n; i++) {
        const fv = v[names[i]!];
        if (optional[i] && fv === undefined) continue;
        parts.push(`${names[i]!}: ${schemas[i]!.print(fv)}`);
      }
      return `{${parts.join(', ')}}`;
    },
  };
}

export function maybeField<T>(schema: Schema<T>): MaybeField<T> {
  return { maybe: schema };
}

export function arraySchema<T>(item: Schema<T>): Schema<readonly T[]> {
  const shape = `array(${item.shape})`;
  return {
    shape,
    encode(value) {
      if (!Array.isArray(value)) throw new SchemaError(`expected ${shape}, got ${typeof value}`);
      const items = value as readonly T[];
      const out: Encoded[] = new Array<Encoded>(items.length);
      for (let i = 0; i < items.length; i++) {
        try {
          out[i] = item.encode(items[i]!);
        } catch (err) {
          rethrowWithin(err, `[${i}]`);
        }
      }
      return out;
    },
    decode(data) {
      const arr = expectArray(data, shape);
      const out: T[] = new Array<T>(arr.length);
      for (let i = 0; i < arr.length; i++) {
        try {
          out[i] = item.decode(arr[i]!);
        } catch (err) {
          rethrowWithin(err, `[${i}]`);
        }
      }
      return out;
    },
    writeKey(value) {
      if (!Array.isArray(value)) throw new SchemaError(`expected ${shape}, got ${typeof value}`);
      const items = value as readonly T[];
      let key = '[';
      for (let i = 0; i < items.length; i++) {
        if (i > 0) key += ',';
        try {
          key += item.writeKey(items[i]!);
        } catch (err) {
          rethrowWithin(err, `[${i}]`);
        }
      }
      return key + ']';
    },
    readKey(reader) {
      const out: T[] = [];
      reader.expect('[');
      if (reader.accept(']')) return out;
      do out.push(item.readKey(reader));
      while (reader.accept(','));
      reader.expect(']');
      return out;
    },
    print: (value) => `[${value.map((v) => item.print(v)).join(', ')}]`,
  };
}

/** T or null (keyed `~` when null). `inner` must not itself admit null. */
export function nullableSchema<T>(inner: Schema<T>): Schema<T | null> {
  return {
    shape: `nullable(${inner.shape})`,
    encode: (v) => (v === null ? null : inner.encode(v)),
    decode: (data) => (data === null ? null : inner.decode(data)),
    writeKey: (v) => (v === null ? '~' : inner.writeKey(v)),
    readKey: (reader) => (reader.accept('~') ? null : inner.readKey(reader)),
    print: (v) => (v === null ? 'null' : inner.print(v)),
  };
}

/**
 * An argument the caller may omit; omitted means `fallback`, so both key,
 * encode and print alike (getMethodInfo(m) and getMethodInfo(m, 0n) are one
 * record).
 */
export function omittableSchema<T>(inner: Schema<T>, fallback: T): Schema<T | undefined> {
  return {
    shape: `omittable(${inner.shape})`,
    encode: (v) => inner.encode(v === undefined ? fallback : v),
    decode: (data) => inner.decode(data),
    writeKey: (v) => inner.writeKey(v === undefined ? fallback : v),
    readKey: (reader) => inner.readKey(reader),
    print: (v) => inner.print(v === undefined ? fallback : v),
  };
}

export type UnionTag = string | number | boolean;

/** One case of a union: the tag value and the schema of the other fields. */
export type UnionCase = readonly [tag: UnionTag, fields: Schema<any>];

/**
 * A union of structs told apart by the value of the field `tag`. Stored as
 * [case number, fields]; the tag itself is not stored.
 */
export function unionSchema<T extends object>(tag: string, cases: readonly UnionCase[]): Schema<T> {
  const shape = `union(${tag}: ${cases.map(([t, s]) => `${String(t)} → ${s.shape}`).join(' | ')})`;
  const caseOf = (value: unknown): number => {
    const v = expectObject(value, shape);
    const t = v[tag];
    for (let i = 0; i < cases.length; i++) if (cases[i]![0] === t) return i;
    throw new SchemaError(`expected ${shape}, got ${tag} = ${String(t)}`);
  };
  const caseAt = (i: unknown, reader?: KeyReader): UnionCase => {
    const c = typeof i === 'number' ? cases[i] : undefined;
    if (c === undefined) {
      if (reader !== undefined) reader.fail(`no case ${String(i)} in ${shape}`);
      throw new SchemaError(`no case ${String(i)} in ${shape}`);
    }
    return c;
  };
  return {
    shape,
    encode(value) {
      const i = caseOf(value);
      return [i, cases[i]![1].encode(value)];
    },
    decode(data) {
      const [i, fields] = expectArray(data, shape, 2);
      const [t, schema] = caseAt(i);
      return { [tag]: t, ...schema.decode(fields!) } as T;
    },
    writeKey(value) {
      const i = caseOf(value);
      return `${i}:${cases[i]![1].writeKey(value)}`;
    },
    readKey(reader) {
      const digits = reader.takeRun('0123456789');
      if (digits === '') reader.fail(`expected a case number of ${shape}`);
      const [t, schema] = caseAt(Number(digits), reader);
      reader.expect(':');
      return { [tag]: t, ...schema.readKey(reader) } as T;
    },
    print(value) {
      const [t, schema] = cases[caseOf(value)]!;
      const rest = schema.print(value);
      return rest === '{}' ? `{${tag}: ${String(t)}}` : `{${tag}: ${String(t)}, ${rest.slice(1)}`;
    },
  };
}
