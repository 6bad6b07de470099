import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The package version, stamped into every collection header we write. */
export function toolVersion(): string {
  if (cached !== undefined) return cached;
  try {
    // src/mc/container and dist/mc/container are both three levels below the package root.
    const text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
    const version = (JSON.parse(text) as { version?: unknown }).version;
    cached = typeof version === 'string' ? `tspmi ${version}` : 'tspmi';
  } catch {
    cached = 'tspmi';
  }
  return cached;
}
