/**
 * The core of the schema DSL: what every schema can do. A schema describes
 * one JIT-EE value (an argument or an answer) and derives from that
 * description everything the harness needs:
 *
 * - encode: the live value → its agnostic form (msgpack-able: null, boolean,
 *   number, bigint, string, Uint8Array and arrays of those). Structs become
 *   positional arrays, so a record never repeats field names and does not
 *   depend on msgpack map or record settings.
 * - decode: the agnostic form → the value handed to a JIT.
 * - writeKey / readKey: a compact canonical text form, used as the key of a
 *   recorded call (see README.md for the grammar).
 * - print: one line for dumps and error messages.
 *
 * Encoding validates (a handle must be a 64-bit bigint, a u32 an integer in
 * range …), so an EE answering with the wrong shape is caught when recording,
 * not when a replay months later disagrees.
 */

/** The agnostic (recorded) form of a value. */
export type Encoded = null | boolean | number | bigint | string | Uint8Array | readonly Encoded[];

export interface Schema<T> {
  /** Short description of the shape, e.g. `u32`, `struct{accessType,handle}` (for docs and errors). */
  readonly shape: string;
  encode(value: T): Encoded;
  decode(data: Encoded): T;
  writeKey(value: T): string;
  readKey(reader: KeyReader): T;
  print(value: T): string;
  /** Only carries T for the type checker. */
  readonly __type?: (value: T) => T;
}

/** The value type a schema describes. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/**
 * A value that does not fit its schema (when encoding a live answer or an
 * argument) or recorded data that does not (when decoding). `path` says where
 * inside the value, e.g. `.sig.sigInst.classInst[2]`.
 */
export class SchemaError extends Error {
  override name = 'SchemaError';

  constructor(
    readonly problem: string,
    readonly path: string = '',
  ) {
    super(path === '' ? problem : `${path}: ${problem}`);
  }

  /** The same error one level further out (`segment` is `.field` or `[i]`). */
  within(segment: string): SchemaError {
    return new SchemaError(this.problem, segment + this.path);
  }
}

/** Runs `f`, prefixing the path of any SchemaError it throws with `segment`. */
export function inside<R>(segment: string, f: () => R): R {
  try {
    return f();
  } catch (err) {
    if (err instanceof SchemaError) throw err.within(segment);
    throw err;
  }
}

/** Reads a key back, schema by schema (used for printing recorded keys). */
export class KeyReader {
  private pos = 0;

  constructor(readonly text: string) {}

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text.charAt(this.pos);
  }

  expect(ch: string): void {
    if (this.text.charAt(this.pos) !== ch) this.fail(`expected '${ch}'`);
    this.pos++;
  }

  /** Consumes `ch` if it is next. */
  accept(ch: string): boolean {
    if (this.text.charAt(this.pos) !== ch) return false;
    this.pos++;
    return true;
  }

  /** The longest run of characters from `allowed` (possibly empty). */
  takeRun(allowed: string): string {
    const start = this.pos;
    while (this.pos < this.text.length && allowed.includes(this.text.charAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** A JSON string literal starting at the current position. */
  takeJsonString(): string {
    const start = this.pos;
    this.expect('"');
    while (this.pos < this.text.length) {
      const c = this.text.charAt(this.pos++);
      if (c === '\\') this.pos++;
      else if (c === '"') return JSON.parse(this.text.slice(start, this.pos)) as string;
    }
    return this.fail('unterminated string');
  }

  fail(problem: string): never {
    throw new SchemaError(`bad key "${this.text}" at ${this.pos}: ${problem}`);
  }
}
