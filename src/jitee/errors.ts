/**
 * Errors the EE raises while answering the JIT: a token that does not
 * resolve, a type that cannot load, an assembly that is missing, a helper the
 * served interface version does not have. They are part of the EE's answer,
 * so the recorder records them and the replay EE raises the same error again;
 * a JIT reports one as the failure of the method being compiled.
 *
 * Anything else thrown through the interface (for instance the replay EE's
 * "missing data" error) is not an EEError and must not be caught by a JIT.
 */

export type EEErrorKind =
  /** A metadata token that does not resolve in its scope. */
  | 'BadToken'
  /** A type that cannot be loaded (bad layout, unresolved base, cycle). */
  | 'TypeLoad'
  | 'MissingMethod'
  | 'MissingField'
  /** A referenced assembly that is not available. */
  | 'MissingAssembly'
  /** Malformed metadata or IL. */
  | 'BadImageFormat'
  | 'InvalidProgram'
  /** A query the EE does not support, or a helper the served interface version lacks. */
  | 'NotSupported';

export const EE_ERROR_KINDS: readonly EEErrorKind[] = [
  'BadToken',
  'TypeLoad',
  'MissingMethod',
  'MissingField',
  'MissingAssembly',
  'BadImageFormat',
  'InvalidProgram',
  'NotSupported',
];

/** The recordable form of an EEError. */
export interface EEErrorData {
  readonly kind: EEErrorKind;
  readonly message: string;
}

export class EEError extends Error {
  override name = 'EEError';
  readonly kind: EEErrorKind;

  constructor(kind: EEErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }

  toData(): EEErrorData {
    return { kind: this.kind, message: this.message };
  }

  static fromData(data: EEErrorData): EEError {
    if (!EE_ERROR_KINDS.includes(data.kind)) throw new RangeError(`unknown EE error kind '${String(data.kind)}'`);
    return new EEError(data.kind, data.message);
  }
}

export function isEEError(err: unknown): err is EEError {
  return err instanceof EEError;
}
