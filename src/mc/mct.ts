/*
 * The .mct table of contents: for each context of a .mch its 1-based index,
 * byte offset, length, CRC, status and method hash. It is an accelerator only:
 * readers check that it belongs to the .mch (size and header checksum) and
 * that each record it points at carries the CRC it lists, and fall back to
 * scanning otherwise.
 */
import * as fs from 'node:fs';
import { InputError } from '../util/errors.js';
import { readTocFile, TocWriter, type Toc } from './container/toc-format.js';
import { MchReader } from './mch-reader.js';
import { tocPathFor } from './container/toc-path.js';

export { Toc, type TocEntry, type TocStatus } from './container/toc-format.js';
export { tocPathFor } from './container/toc-path.js';

/** Reads a .mct; InputError (naming the file) when it is not one or is damaged. */
export function readToc(path: string): Toc {
  return readTocFile(path);
}

/** Writes a TOC atomically. */
export function writeToc(path: string, toc: Toc): void {
  const writer = new TocWriter(path);
  try {
    for (const entry of toc.entries()) writer.add(entry);
    writer.finish(toc.mchFileSize, toc.mchHeaderCrc);
    writer.commit();
  } catch (err) {
    writer.abort();
    throw err;
  }
}

/** Builds the TOC of a .mch by scanning it (payloads are not decoded). */
export function buildToc(mchPath: string): Toc {
  const reader = MchReader.open(mchPath, { tocPath: false });
  try {
    return reader.scanToc();
  } finally {
    reader.close();
  }
}

export interface RebuiltToc {
  path: string;
  contexts: number;
  corrupt: number;
}

/** Scans a .mch and (re)writes its TOC, by default as MCH.mct (the `mcs toc` verb). */
export function rebuildToc(mchPath: string, tocPath = tocPathFor(mchPath)): RebuiltToc {
  const toc = buildToc(mchPath);
  writeToc(tocPath, toc);
  let corrupt = 0;
  for (const entry of toc.entries()) if (entry.status !== 'ok') corrupt++;
  return { path: tocPath, contexts: toc.count, corrupt };
}

export type TocState = 'current' | 'stale' | 'missing' | 'damaged';

/**
 * Whether MCH.mct belongs to MCH as it is now. 'stale' means it describes
 * another version of the file (different size or header); per-record CRCs
 * catch the rest when the TOC is used.
 */
export function tocState(mchPath: string, tocPath = tocPathFor(mchPath)): TocState {
  if (!fs.existsSync(tocPath)) return 'missing';
  let toc: Toc;
  try {
    toc = readTocFile(tocPath);
  } catch (err) {
    if (err instanceof InputError) return 'damaged';
    throw err;
  }
  const reader = MchReader.open(mchPath, { tocPath: false });
  try {
    return reader.tocMatches(toc) ? 'current' : 'stale';
  } finally {
    reader.close();
  }
}
