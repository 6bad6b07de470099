/** `--jitoption K=V` arguments → the JitOptions a JIT receives. */

import type { JitOptions } from '../../jitee/jit-module.js';
import { InputError } from '../../util/errors.js';

export function parseJitOptionArgs(args: readonly string[], optionName = '--jitoption'): JitOptions {
  const options: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new InputError(`${optionName} "${arg}": expected KEY=VALUE`);
    options[arg.slice(0, eq).trim()] = arg.slice(eq + 1);
  }
  return Object.freeze(options);
}
