/**
 * Missing data: the JIT asked something the recording cannot answer (it was
 * recorded by a JIT that never asked, or before an interface change). Not an
 * EEError, so a JIT does not turn it into an ordinary compile failure; the
 * replay runner counts it separately (SuperPMI's "missing", exit code 3).
 */
export class MissingDataError extends Error {
  override name = 'MissingDataError';

  constructor(
    /** The interface method, e.g. `getHelperFtn`. */
    readonly call: string,
    /** The printed arguments, e.g. `CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS`. */
    readonly key: string,
    /** For versioned answers (getAsyncInfo): the fields the served layout needs that were not recorded. */
    readonly absentFields: readonly string[] = [],
  ) {
    super(
      `missing ${call}(${key})` +
        (absentFields.length === 0 ? '' : `: fields ${absentFields.join(', ')} were not recorded`),
    );
  }
}

export function isMissingDataError(err: unknown): err is MissingDataError {
  return err instanceof MissingDataError;
}
