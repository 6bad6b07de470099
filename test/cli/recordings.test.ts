/**
 * The sample collections in recordings/ replay with both JITs, with no
 * missing data and results identical to the ones recorded. When the JIT or
 * the EE changes what is asked or answered, they go stale (as SuperPMI
 * collections do) and this test says so: regenerate them with
 * `bash tools/make-recordings.sh`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, recordingsDir, tspmiJson, type ReplayJson } from './helpers.js';

const RECORDINGS = ['async-jit', 'async-r2r', 'fixtures-jit', 'fixtures-r2r'] as const;
const STALE = 'stale recording: regenerate with `bash tools/make-recordings.sh`';

beforeAll(() => ensureBuilt());

describe('recordings/', () => {
  it('holds every sample collection with its .mct', () => {
    for (const name of RECORDINGS) {
      expect(existsSync(join(recordingsDir, `${name}.mch`)), name).toBe(true);
      expect(existsSync(join(recordingsDir, `${name}.mch.mct`)), name).toBe(true);
    }
  });

  for (const name of RECORDINGS) {
    it(`${name}.mch replays with base and diff, reproducing every recorded compile`, () => {
      const file = join(recordingsDir, `${name}.mch`);
      const stat = tspmiJson<{ header: { interfaceVersions: string[]; mode: string } }>(['mcs', 'stat', file]);
      expect(stat.header.interfaceVersions).toEqual(['base', 'diff']);
      expect(stat.header.mode).toBe(name.endsWith('r2r') ? 'r2r' : 'jit');
      for (const jit of ['base', 'diff']) {
        const r = tspmiJson<ReplayJson>(['replay', file, '--jit', jit, '--compare-recorded', '-p', '2'], [0, 1, 3]);
        expect(r.corrupt).toBe(0);
        expect(r.missing, `${STALE}; missing ${JSON.stringify(r.missingCalls)}`).toBe(0);
        expect(r.mismatched, `${STALE}; contexts ${r.mismatchedContexts.slice(0, 20).join(',')}`).toBe(0);
        expect(r.compared).toBe(r.succeeded);
      }
    });
  }
});
