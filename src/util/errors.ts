/**
 * An error caused by what the user gave us (an unreadable or corrupt file, a bad
 * argument). The CLI prints its message as one line and exits with code 4; it
 * never shows a stack trace for these.
 */
export class InputError extends Error {
  override name = 'InputError';
}

/** Formats any thrown value as one line for a user. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}
