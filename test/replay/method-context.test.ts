import { describe, expect, it } from 'vitest';
import { packAgnostic, recordedEntry, unpackAgnostic } from '../../src/agnostic/index.js';
import { CorInfoHelpFunc, EEError } from '../../src/jitee/index.js';
import { decodePayload, encodePayload } from '../../src/mc/container/payload-codec.js';
import { dumpMethodContext } from '../../src/mc/method-context-dump.js';
import { MethodContext, MethodContextConflictError } from '../../src/mc/method-context.js';
import { InputError } from '../../src/util/errors.js';
import { C1, HELPER_THROW } from '../agnostic/samples.js';
import { record } from './helpers.js';

const helperFtn = recordedEntry('getHelperFtn');
const classSize = recordedEntry('getClassSize');
const asyncInfo = recordedEntry('getAsyncInfo');

function withClassSize(size: number): MethodContext {
  const mc = new MethodContext();
  mc.record(classSize, classSize.keyOf([C1]), classSize.value.encode(size));
  return mc;
}

describe('MethodContext data', () => {
  it('round-trips through toData, msgpack and fromData', () => {
    const base = record('base');
    const mc = base.context;
    mc.record(recordedEntry('resolveToken'), 'made-up-key', { error: new EEError('TypeLoad', 'cannot load').toData() });
    for (const roundTrip of [(v: unknown) => unpackAgnostic(packAgnostic(v)), (v: unknown) => decodePayload(encodePayload(v))]) {
      const back = MethodContext.fromData(roundTrip(mc.toData()));
      expect(back.toData()).toEqual(mc.toData());
      expect(back.root).toEqual(mc.root);
      expect(back.result('base')).toEqual(base.result);
      expect(back.callStats()).toEqual(mc.callStats());
    }
  });

  it('is compact: [packet id, [key, answer][]] per interface method', () => {
    const mc = new MethodContext();
    mc.record(helperFtn, helperFtn.keyOf([CorInfoHelpFunc.CORINFO_HELP_THROW]), helperFtn.value.encode(HELPER_THROW));
    expect(mc.toData()).toEqual({
      format: 1,
      root: null,
      packets: [[59, [['64', [[0, 0x7ff6_0000_1000n], 0n]]]]],
      results: [],
    });
  });

  it('keeps packets of unknown ids (a newer recording) through a round trip', () => {
    const data = { format: 1, root: null, packets: [[999, [['k', 1]]]], results: [] };
    const mc = MethodContext.fromData(data);
    expect(mc.toData()).toEqual(data);
    expect(mc.callStats()).toEqual([{ method: 'packet#999', packetId: 999, records: 1, errors: 0 }]);
  });

  it('rejects data that is not a method context', () => {
    const bad: unknown[] = [
      null,
      [],
      'x',
      { format: 2, root: null, packets: [], results: [] },
      { format: 1, root: null, packets: {}, results: [] },
      { format: 1, root: null, packets: [[1]], results: [] },
      { format: 1, root: null, packets: [[1, [[5, 1]]]], results: [] },
      { format: 1, root: null, packets: [[1, []], [1, []]], results: [] },
      { format: 1, root: [1, 2], packets: [], results: [] },
      { format: 1, root: null, packets: [], results: [['next', { ok: true }]] },
      { format: 1, root: null, packets: [], results: [['base', 7]] },
    ];
    for (const data of bad) expect(() => MethodContext.fromData(data), JSON.stringify(data)).toThrow(InputError);
  });
});

describe('MethodContext.merge', () => {
  it('detects a conflict, names call and key, and leaves the context unchanged', () => {
    const mine = withClassSize(24);
    mine.record(helperFtn, '64', helperFtn.value.encode(HELPER_THROW));
    const theirs = withClassSize(32);
    theirs.record(recordedEntry('getClassName'), recordedEntry('getClassName').keyOf([C1]), 'C');
    const before = mine.toData();
    expect(() => mine.merge(theirs)).toThrow(MethodContextConflictError);
    expect(() => mine.merge(theirs)).toThrow('conflicting records for getClassSize(0x0000020000000040): 24 vs 32');
    expect(mine.toData()).toEqual(before);
    try {
      mine.merge(theirs);
    } catch (err) {
      expect((err as MethodContextConflictError).call).toBe('getClassSize');
      expect((err as MethodContextConflictError).key).toBe('0x0000020000000040');
    }
  });

  it('treats an EE error and an answer for one key as a conflict, equal records as none', () => {
    const key = helperFtn.keyOf([CorInfoHelpFunc.CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS]);
    const a = new MethodContext();
    a.record(helperFtn, key, { error: { kind: 'NotSupported', message: 'no such helper' } });
    const b = new MethodContext();
    b.record(helperFtn, key, helperFtn.value.encode(HELPER_THROW));
    expect(() => a.merge(b)).toThrow(
      /getHelperFtn\(CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS\): EEError NotSupported: no such helper vs \{lookup/,
    );
    const same = withClassSize(24);
    same.merge(withClassSize(24));
    expect(same.recordCount).toBe(1);
  });

  it('merges getAsyncInfo field by field but still catches a field recorded two ways', () => {
    const a = new MethodContext();
    a.record(asyncInfo, '0', asyncInfo.value.encode({ continuationClsHnd: 0x10n }));
    const b = new MethodContext();
    b.record(asyncInfo, '0', asyncInfo.value.encode({ continuationClsHnd: 0x10n, captureContextsMethHnd: 0x20n }));
    a.merge(b);
    expect(asyncInfo.value.decode(a.lookup(asyncInfo, '0') as never)).toEqual({ continuationClsHnd: 0x10n, captureContextsMethHnd: 0x20n });
    const c = new MethodContext();
    c.record(asyncInfo, '0', asyncInfo.value.encode({ continuationClsHnd: 0x30n }));
    expect(() => a.merge(c)).toThrow(/conflicting records for getAsyncInfo\(\)/);
  });

  it('refuses roots of different compiles and differing results of one version', () => {
    const a = record('base').context;
    const b = record('base', {}, undefined).context;
    b.setRoot({ ...b.requireRoot(), flags: 4 });
    expect(() => a.merge(b)).toThrow('conflicting records for root: CORJIT_FLAGS differs');

    const c = record('base').context;
    const d = record('base', { pad: '3' }).context;
    const withoutRecords = new MethodContext(d.requireRoot());
    withoutRecords.setResult('base', d.result('base')!);
    expect(() => c.merge(withoutRecords)).toThrow('conflicting records for result(base): the two compile results differ');
  });
});

describe('MethodContext views', () => {
  it('counts records and EE errors per interface method', () => {
    const { context } = record('base', { token: String(0x0a00_00ff) });
    const stats = context.callStats();
    expect(stats.find((s) => s.method === 'resolveToken')).toEqual({ method: 'resolveToken', packetId: 47, records: 1, errors: 1 });
    expect(stats.map((s) => s.method)).toEqual(['getMethodAttribs', 'getMethodSig', 'resolveToken', 'getArgType']);
  });

  it('dumps every record as a call with its answer', () => {
    const merged = record('base').context;
    merged.merge(record('diff').context);
    const text = dumpMethodContext(merged).join('\n');
    expect(text).toContain('method 0x0000030000000120 Ns.Ü.Inner:Run"Async"');
    expect(text).toContain(`hash ${merged.methodHash()}`);
    expect(text).toContain('mode jit, interface versions base, diff');
    expect(text).toContain('getHelperFtn [packet 59, 2 records]');
    expect(text).toContain(
      '  getHelperFtn(CORINFO_HELP_THROW) -> {lookup: {accessType: IAT_VALUE, handle: 0x00007ff600001000}, method: 0x0000000000000000}',
    );
    expect(text).toMatch(/getHelperFtn\(CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS\) -> \{lookup: .*method: 0x0000030000001030\}/);
    expect(text).toContain('getAsyncInfo() -> {continuationClsHnd: 0x0000020000000040');
    expect(text).toContain('reportInliningDecision(0x0000030000000120, 0x0000030000005560, INLINE_FAIL, "the mini JIT never inlines") -> void');
    expect(text).toMatch(/result base: ok, \d+ bytes hot code/);
    expect(text).toMatch(/result diff: ok/);
  });
});
