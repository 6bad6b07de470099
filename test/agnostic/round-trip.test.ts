import { Packr, Unpackr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import {
  type RecordedEntry,
  RECORDED_ENTRIES,
  packAgnostic,
  recordedEntry,
  unpackAgnostic,
  type Encoded,
} from '../../src/agnostic/index.js';
import { decodePayload, encodePayload } from '../../src/mc/container/payload-codec.js';
import { ALLOC_ARGS, ALLOC_RESULT, QUERY_SAMPLES } from './samples.js';

interface AnySample {
  readonly args: readonly unknown[];
  readonly value: unknown;
}

function samplesOf(entry: RecordedEntry): readonly AnySample[] {
  if (entry.name === 'allocMem') return [{ args: [ALLOC_ARGS], value: ALLOC_RESULT }];
  return (QUERY_SAMPLES as unknown as Record<string, readonly AnySample[]>)[entry.name] ?? [];
}

const codecs: [string, (v: unknown) => unknown][] = [
  ['agnostic settings', (v) => unpackAgnostic(packAgnostic(v))],
  ['container payload codec', (v) => decodePayload(encodePayload(v))],
  [
    'records off, maps as objects',
    (() => {
      const opts = { useRecords: false, mapsAsObjects: true, int64AsType: 'bigint' } as const;
      const p = new Packr(opts);
      const u = new Unpackr(opts);
      return (v: unknown) => u.unpack(p.pack(v));
    })(),
  ],
];

describe('every table entry', () => {
  it('has samples', () => {
    for (const e of RECORDED_ENTRIES) expect(samplesOf(e).length, e.name).toBeGreaterThan(0);
  });

  for (const [codecName, roundTrip] of codecs) {
    it(`round-trips its sample answers through msgpack (${codecName})`, () => {
      for (const entry of RECORDED_ENTRIES) {
        for (const { value } of samplesOf(entry)) {
          const encoded = entry.value.encode(value);
          const back = entry.value.decode(roundTrip(encoded) as Encoded);
          if (entry.kind === 'notification') expect(back).toBeUndefined();
          else expect(back, entry.name).toEqual(value);
        }
      }
    });
  }

  it('round-trips its sample keys through the key parser', () => {
    for (const entry of RECORDED_ENTRIES) {
      for (const { args } of samplesOf(entry)) {
        const key = entry.keyOf(args);
        const parsed = entry.parseKey(key);
        expect(entry.keyOf(parsed), entry.name).toBe(key);
        expect(entry.printKey(key)).toBe(entry.printArgs(args));
      }
    }
  });

  it('prints sample answers on one line', () => {
    for (const entry of RECORDED_ENTRIES) {
      for (const { value } of samplesOf(entry)) {
        const text = entry.printValue(entry.value.decode(entry.value.encode(value)));
        expect(text.length).toBeGreaterThan(0);
        expect(text).not.toContain('\n');
      }
    }
  });
});

describe('encoded values', () => {
  it('keep 64-bit handles exact, including >= 2^63, and bytes as plain Uint8Array', () => {
    const e = recordedEntry('getHelperFtn');
    const value = QUERY_SAMPLES.getHelperFtn[1]!.value;
    const back = e.value.decode(unpackAgnostic(packAgnostic(e.value.encode(value))) as Encoded) as typeof value;
    expect(back.method).toBe(0xffff_ffff_ffff_fff0n);
    expect(typeof back.method).toBe('bigint');

    const gc = recordedEntry('getClassGClayout');
    const layout = gc.value.decode(
      unpackAgnostic(packAgnostic(gc.value.encode({ gcPtrs: Buffer.from([1, 2]), numGCPtrs: 2 }))) as Encoded,
    ) as { gcPtrs: Uint8Array };
    expect(Object.getPrototypeOf(layout.gcPtrs)).toBe(Uint8Array.prototype);
    expect([...layout.gcPtrs]).toEqual([1, 2]);
  });

  it('decode small handles written as numbers by other settings', () => {
    const e = recordedEntry('getMethodClass');
    expect(e.value.decode(0x40)).toBe(0x40n);
  });

  it('are positional arrays, not objects (no field names stored)', () => {
    const e = recordedEntry('getHelperFtn');
    expect(e.value.encode(QUERY_SAMPLES.getHelperFtn[0]!.value)).toEqual([[0, 0x7ff6_0000_1000n], 0n]);
  });
});

describe('validation', () => {
  it('rejects answers that do not fit the schema, naming where', () => {
    const callInfo = recordedEntry('getCallInfo');
    const good = QUERY_SAMPLES.getCallInfo[0]!.value;
    expect(() => callInfo.value.encode({ ...good, sig: { ...good.sig, numArgs: -1 } })).toThrow(
      '.sig.numArgs: expected u32, got -1',
    );
    expect(() => callInfo.value.encode({ ...good, hMethod: 5 })).toThrow('.hMethod: expected method handle, got 5');
    expect(() => callInfo.value.encode({ ...good, sig: { ...good.sig, sigInst: { classInst: [1n << 64n], methInst: [] } } })).toThrow(
      '.sig.sigInst.classInst[0]: expected class handle',
    );
    const { pSig: _dropped, ...noSig } = good.sig;
    expect(() => callInfo.value.encode({ ...good, sig: noSig })).toThrow('.sig.pSig: expected blob, got undefined');
    expect(() => recordedEntry('getClassName').value.encode(42)).toThrow('expected str, got 42');
    expect(() => recordedEntry('isValueClass').value.encode(1)).toThrow('expected bool');
  });

  it('rejects recorded data of the wrong shape', () => {
    const e = recordedEntry('getHelperFtn');
    expect(() => e.value.decode([[0, 1n]])).toThrow(/with 2 elements/);
    expect(() => e.value.decode('x')).toThrow(/expected struct/);
  });

  it('rejects arguments of the wrong shape when keying', () => {
    expect(() => recordedEntry('getMethodAttribs').keyOf([5])).toThrow('argument 1: expected method handle, got 5');
    expect(() => recordedEntry('canInline').keyOf([1n, undefined])).toThrow('argument 2: expected method handle');
  });
});
