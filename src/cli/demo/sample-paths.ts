import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../util/errors.js';

/** The bundled runtime-async sample, shipped with the package beside dist/. */
export function bundledAsyncSample(): string {
  const path = fileURLToPath(new URL('../../../test/fixtures/bin/AsyncSamples.dll', import.meta.url));
  if (!existsSync(path)) throw new InputError(`the bundled sample is missing: ${path} (reinstall tspmi)`);
  return path;
}
