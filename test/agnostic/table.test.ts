import { describe, expect, it } from 'vitest';
import {
  INTERFACE_TABLE,
  RECORDED_ENTRIES,
  entryById,
  entryByName,
  recordedEntry,
} from '../../src/agnostic/index.js';
import { CORINFO_QUERY_NAMES, CORJIT_RESULT_SINK_NAMES } from '../../src/jitee/index.js';

describe('the interface table', () => {
  it('has an entry for every JitInterface method and no other', () => {
    const tableNames = INTERFACE_TABLE.map((e) => e.name).sort();
    const interfaceNames = [...CORINFO_QUERY_NAMES, ...CORJIT_RESULT_SINK_NAMES].sort();
    expect(tableNames).toEqual(interfaceNames);
    for (const name of CORINFO_QUERY_NAMES) {
      const entry = entryByName(name);
      expect(entry, name).toBeDefined();
      expect(['query', 'notification'], name).toContain(entry!.kind);
    }
  });

  it('records every query and the sink calls with answers, reports the rest', () => {
    const sinkWithAnswers = RECORDED_ENTRIES.filter((e) => (CORJIT_RESULT_SINK_NAMES as readonly string[]).includes(e.name));
    expect(sinkWithAnswers.map((e) => e.name)).toEqual(['allocMem']);
    const reports = INTERFACE_TABLE.filter((e) => e.kind === 'report').map((e) => e.name);
    expect(reports.sort()).toEqual(CORJIT_RESULT_SINK_NAMES.filter((n) => n !== 'allocMem').sort());
  });

  it('gives every recorded entry its own stable packet id', () => {
    const ids = RECORDED_ENTRIES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of RECORDED_ENTRIES) {
      expect(Number.isInteger(e.id) && e.id > 0).toBe(true);
      expect(entryById(e.id)).toBe(e);
    }
    // Fixed ids are part of the format; a few pinned here so a reordering is noticed.
    expect(recordedEntry('getMethodAttribs').id).toBe(1);
    expect(recordedEntry('getHelperFtn').id).toBe(59);
    expect(recordedEntry('getAsyncInfo').id).toBe(64);
    expect(recordedEntry('allocMem').id).toBe(100);
  });

  it('marks getAsyncInfo as versioned and merged field by field, everything else exact', () => {
    for (const e of RECORDED_ENTRIES) {
      expect(e.merge, e.name).toBe(e.name === 'getAsyncInfo' ? 'fieldUnion' : 'exact');
      expect(e.layout !== undefined, e.name).toBe(e.name === 'getAsyncInfo');
    }
    expect(() => recordedEntry('setEHinfo')).toThrow(RangeError);
    expect(() => recordedEntry('noSuchMethod')).toThrow(RangeError);
  });
});
