/**
 * Damaged and wrong inputs. A damaged record is reported by its index and
 * every intact record still replays (exit 4, since the input is bad); a file
 * that cannot be a collection at all, or bad arguments, give exit 4 and one
 * clear line on stderr.
 */
import { copyFileSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readToc, type TocEntry } from '../../src/mc/mct.js';
import { asyncSamples, ensureBuilt, record, tempDir, tspmi, tspmiJson, type ReplayJson } from './helpers.js';

const dir = tempDir();
const original = join(dir, 'async.mch');
let records: TocEntry[];

beforeAll(() => {
  ensureBuilt();
  record(original, [asyncSamples], { jits: ['base'] });
  records = [...readToc(`${original}.mct`).entries()];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the collection without its .mct, damaged by `damage`. */
function damaged(name: string, damage: (path: string) => void): string {
  const path = join(dir, name);
  copyFileSync(original, path);
  damage(path);
  return path;
}

function flipByte(path: string, offset: number): void {
  const bytes = readFileSync(path);
  bytes[offset] = bytes[offset]! ^ 0xff;
  writeFileSync(path, bytes);
}

function errorLine(args: string[]): string {
  const r = tspmi(args);
  expect(r.status).toBe(4);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('a truncated collection', () => {
  it('reports the cut record by index and replays every record before it', () => {
    for (const k of [1, 2, Math.floor(records.length / 2), records.length]) {
      const rec = records[k - 1]!;
      for (const cut of [5, 25, Math.floor(rec.length / 2), rec.length - 1]) {
        const path = damaged(`cut-${k}-${cut}.mch`, (p) => truncateSync(p, rec.offset + cut));
        const r = tspmiJson<ReplayJson>(['replay', path], 4);
        expect(r.corruptContexts, `record ${k} cut after ${cut} bytes`).toEqual([k]);
        expect(r).toMatchObject({ contexts: k, succeeded: k - 1, failed: 0, missing: 0 });
      }
    }
  });

  it('cut between two records is just a shorter collection', () => {
    const k = 10;
    const path = damaged('cut-boundary.mch', (p) => truncateSync(p, records[k]!.offset));
    expect(tspmiJson<ReplayJson>(['replay', path])).toMatchObject({ contexts: k, succeeded: k, corrupt: 0 });
  });

  it('cut inside the header is bad input', () => {
    const path = damaged('cut-header.mch', (p) => truncateSync(p, 30));
    expect(errorLine(['replay', path])).toBe(`tspmi: ${path}: damaged .mch header (truncated)`);
  });
});

describe('a collection with flipped bytes', () => {
  const total = () => records.length;

  it.each([
    ['payload', (e: TocEntry) => e.offset + e.length - 10],
    ['length field', (e: TocEntry) => e.offset + 12],
    ['sync marker', (e: TocEntry) => e.offset + 1],
  ] as const)('in one record (%s): that record is reported, every other one replays', (what, at) => {
    const k = 7;
    const path = damaged(`flip-${what.replace(' ', '-')}.mch`, (p) => flipByte(p, at(records[k - 1]!)));
    for (const workers of ['1', '2']) {
      const r = tspmiJson<ReplayJson>(['replay', path, '-p', workers], 4);
      expect(r.corruptContexts).toEqual([k]);
      expect(r).toMatchObject({ contexts: total(), succeeded: total() - 1, corrupt: 1 });
    }
    const text = tspmi(['replay', path]).stdout;
    expect(text).toMatch(new RegExp(`^#${k}: corrupt: damaged record at offset ${records[k - 1]!.offset} `, 'm'));
  });

  it('found through a TOC that still matches the file, the damage is reported too', () => {
    const k = 3;
    const path = damaged('flip-with-toc.mch', (p) => {
      copyFileSync(`${original}.mct`, `${p}.mct`);
      flipByte(p, records[k - 1]!.offset + records[k - 1]!.length - 4);
    });
    const r = tspmiJson<ReplayJson>(['replay', path, '-c', `${k - 1}-${k + 1}`], 4);
    expect(r).toMatchObject({ contexts: 3, succeeded: 2, corruptContexts: [k] });
  });

  it('mcs integrity names the damaged record and exits 4', () => {
    const path = damaged('flip-integrity.mch', (p) => flipByte(p, records[4]!.offset + 40));
    const r = tspmi(['mcs', 'integrity', path, '--json']);
    expect(r.status).toBe(4);
    const report = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { contexts: number; intact: number; corrupt: { index: number; error: string }[] };
    expect(report.corrupt).toEqual([expect.objectContaining({ index: 5, error: 'bad checksum' })]);
    expect(report.intact).toBe(records.length - 1);
    expect(tspmi(['mcs', 'integrity', original]).status).toBe(0);
  });
});

describe('bad input', () => {
  it('a file that is not a .mch', () => {
    expect(errorLine(['replay', asyncSamples])).toBe(`tspmi: ${asyncSamples}: not a tspmi .mch file (bad magic)`);
  });

  it('an empty file', () => {
    const path = join(dir, 'empty.mch');
    writeFileSync(path, '');
    expect(errorLine(['replay', path])).toBe(`tspmi: ${path}: not a tspmi .mch file (empty file)`);
  });

  it('a file that does not exist', () => {
    expect(errorLine(['replay', join(dir, 'nope.mch')])).toMatch(/nope\.mch: cannot open/);
  });

  it('a newer format version', () => {
    const path = damaged('v7.mch', (p) => {
      const bytes = readFileSync(p);
      bytes.writeUInt16LE(7, 8);
      writeFileSync(p, bytes);
    });
    expect(errorLine(['replay', path])).toBe(`tspmi: ${path}: .mch format version 7 is not supported (this tspmi reads version 1)`);
  });

  it('an unknown JIT', () => {
    expect(errorLine(['replay', original, '--jit', 'nosuchjit'])).toContain("unknown JIT 'nosuchjit'");
    expect(errorLine(['replay', original, '--jit', join(dir, 'missing-jit.mjs')])).toContain('does not exist');
  });

  it('bad context ranges, partitions, worker counts and JIT options', () => {
    expect(errorLine(['replay', original, '-c', '5-2'])).toContain('range ends before it starts');
    expect(errorLine(['replay', original, '-c', 'x'])).toContain('bad syntax');
    expect(errorLine(['replay', original, '--partition', '4/3'])).toContain('need 1 <= I <= N');
    expect(errorLine(['replay', original, '-p', '-1'])).toContain('-p -1');
    expect(errorLine(['replay', original, '--jitoption', 'NoEquals'])).toContain('expected KEY=VALUE');
    expect(errorLine(['replay', original, '--failure-limit', '0'])).toContain('--failure-limit');
  });

  it('output places that cannot be written, before anything is replayed', () => {
    expect(errorLine(['replay', original, '--repro-dir', join(original, 'sub')])).toContain('--repro-dir');
    expect(errorLine(['replay', original, '--failing-mcl', join(original, 'x.mcl')])).toContain('is not a directory');
    expect(errorLine(['record', asyncSamples, '-o', join(original, 'x.mch')])).toContain('cannot create');
  });
});
