/*
 * .mcl files: plain text, one 1-based context number per line (SuperPMI's
 * failing-context lists). Reading tolerates blank lines, surrounding
 * whitespace and CRLF; anything else is an InputError naming file and line.
 */
import * as fs from 'node:fs';
import { InputError } from '../util/errors.js';
import { writeFileAtomically } from './container/atomic-output.js';
import { describeFsError } from './container/chunked-file.js';

export function parseMcl(text: string, fileName: string): number[] {
  const indices: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    if (!/^[0-9]+$/.test(line)) {
      throw new InputError(`${fileName}:${i + 1}: not a context number: "${clip(line)}"`);
    }
    const index = Number(line);
    if (index < 1 || !Number.isSafeInteger(index)) {
      throw new InputError(`${fileName}:${i + 1}: context numbers start at 1 and fit in 53 bits: "${clip(line)}"`);
    }
    indices.push(index);
  }
  return indices;
}

export function readMcl(path: string): number[] {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`${path}: cannot open (${describeFsError(err)})`);
  }
  return parseMcl(text, path);
}

export function formatMcl(indices: Iterable<number>): string {
  let text = '';
  for (const index of indices) {
    if (!Number.isSafeInteger(index) || index < 1) throw new RangeError(`not a 1-based context number: ${index}`);
    text += `${index}\n`;
  }
  return text;
}

/** Writes the list atomically, one number a line, in the order given. */
export function writeMcl(path: string, indices: Iterable<number>): void {
  writeFileAtomically(path, Buffer.from(formatMcl(indices), 'utf8'));
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
