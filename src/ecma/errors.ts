import { InputError } from '../util/errors.js';

/**
 * A malformed or unreadable assembly. The message is one line,
 * `<file>: <what is wrong>`, so the CLI can print it as is.
 */
export class EcmaFormatError extends InputError {
  override name = 'EcmaFormatError';
  constructor(
    /** The file the bytes came from, as the user named it. */
    readonly file: string,
    /** What is wrong, without the file name. */
    readonly problem: string,
  ) {
    super(`${file}: ${oneLine(problem)}`);
  }
}

/**
 * A reference that cannot be followed: a referenced assembly that is not in the
 * search path, a type or member that its assembly does not define.
 */
export class ResolutionError extends InputError {
  override name = 'ResolutionError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${oneLine(problem)}`);
  }
}

const MAX_PROBLEM_LENGTH = 400;

/**
 * Messages quote names read from the file; hostile ones may hold control
 * characters or be huge. Escape the former and cut the latter so the message
 * stays one readable line.
 */
function oneLine(text: string): string {
  const clean = text.replace(/[\x00-\x1f\x7f]/g, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0'));
  return clean.length > MAX_PROBLEM_LENGTH ? clean.slice(0, MAX_PROBLEM_LENGTH) + '…' : clean;
}

/** `0x2050` style hex for messages. */
export function hex(value: number): string {
  return '0x' + (value >>> 0).toString(16);
}

/** `0x06000012` style token text for messages. */
export function hexToken(token: number): string {
  return '0x' + (token >>> 0).toString(16).padStart(8, '0');
}
