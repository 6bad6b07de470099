import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

/**
 * Compares `actual` with the golden file at `path`; with TSPMI_BLESS=1 it
 * rewrites the file instead (the filetest habit: goldens change only on purpose).
 */
export function expectGolden(actual: string, path: string): void {
  if (process.env['TSPMI_BLESS'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`golden file ${path} is missing: run with TSPMI_BLESS=1 to create it`);
  }
  expect(actual).toBe(expected);
}
