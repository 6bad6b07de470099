import { describe, expect, it } from 'vitest';
import { packAgnostic, recordedEntry, unpackAgnostic } from '../../src/agnostic/index.js';
import {
  ASYNC_INFO_BASE_FIELDS,
  ASYNC_INFO_DIFF_FIELDS,
  CorInfoHelpFunc,
  CorInfoInline,
  EEError,
  isEEError,
} from '../../src/jitee/index.js';
import { decodePayload, encodePayload } from '../../src/mc/container/payload-codec.js';
import { MethodContext } from '../../src/mc/method-context.js';
import { MissingDataError, isMissingDataError } from '../../src/replay/missing.js';
import { ReplayEE } from '../../src/replay/replay-ee.js';
import { RecordingJitInterface } from '../../src/shim/index.js';
import { M1, M2, METHOD_INFO, TOKEN } from '../agnostic/samples.js';
import { BAD_TOKEN, createFakeEE } from '../shim/fake-ee.js';
import { miniJit } from '../shim/mini-jit.js';
import { logging, record, replay } from './helpers.js';

function thrownBy(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('replay of a recording', () => {
  for (const version of ['base', 'diff'] as const) {
    it(`gives the ${version} JIT the same answers and the same result as the live compile`, () => {
      const recorder = new RecordingJitInterface(createFakeEE(version));
      const liveLog = logging(recorder);
      const live = miniJit(version).compileMethod(liveLog.ee, METHOD_INFO, 0, {});

      const replayLog = logging(new ReplayEE(recorder.context, version));
      const replayed = miniJit(version).compileMethod(replayLog.ee, METHOD_INFO, 0, {});
      expect(replayed).toEqual(live);
      expect(replayLog.log).toEqual(liveLog.log);
      expect(replayLog.log.length).toBeGreaterThan(15);
    });
  }

  it('works the same after the context went through toData, msgpack and fromData', () => {
    const { context, result } = record('base');
    for (const roundTrip of [
      (v: unknown) => unpackAgnostic(packAgnostic(v)),
      (v: unknown) => decodePayload(encodePayload(v)),
    ]) {
      const loaded = MethodContext.fromData(roundTrip(context.toData()));
      expect(replay(loaded, 'base').result).toEqual(result);
      expect(loaded.result('base')).toEqual(result);
    }
  });

  it('hands allocMem the recorded addresses and collects the reports', () => {
    const { context, result } = record('diff');
    const { ee, result: replayed } = replay(context, 'diff');
    expect(replayed.ok && replayed.blocks).toEqual(result.ok && result.blocks);
    expect(ee.reported.allocMem?.result).toEqual(result.ok && result.blocks);
    expect(ee.reported.relocations).toHaveLength(1);
    expect(ee.reported.ehCount).toBe(0);
  });

  it('places code itself when a JIT asks allocMem for sizes never recorded', () => {
    const { context, result } = record('diff');
    const { result: bigger } = replay(context, 'diff', { pad: '100' });
    if (!result.ok || !bigger.ok) throw new Error('expected successes');
    expect(bigger.blocks.hotCodeBlock).toBe(result.blocks.hotCodeBlock);
    const hotSize = BigInt(bigger.code.length - 8);
    expect(bigger.blocks.roDataBlock).toBeGreaterThanOrEqual(bigger.blocks.hotCodeBlock + hotSize);
    expect(bigger.blocks.roDataBlock % 8n).toBe(0n);
    expect(bigger.blocks.coldCodeBlock).toBe(0n);
    // Deterministic.
    expect(replay(context, 'diff', { pad: '100' }).result).toEqual(bigger);
  });

  it('reports missing allocMem when no compile was recorded at all', () => {
    const ee = new ReplayEE(new MethodContext(), 'base');
    const err = thrownBy(() => ee.allocMem({ hotCodeSize: 16, coldCodeSize: 0, roDataSize: 0, xcptnsCount: 0, flag: 0 }));
    expect(err).toBeInstanceOf(MissingDataError);
    expect((err as Error).message).toBe(
      'missing allocMem({hotCodeSize: 16, coldCodeSize: 0, roDataSize: 0, xcptnsCount: 0, flag: 0})',
    );
  });
});

describe('missing data', () => {
  it('is raised for an unrecorded query, naming the call and its arguments', () => {
    const { context } = record('base');
    const err = thrownBy(() => replay(context, 'diff'));
    expect(isMissingDataError(err)).toBe(true);
    expect(isEEError(err)).toBe(false);
    expect((err as Error).message).toBe('missing getHelperFtn(CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS)');
    expect((err as MissingDataError).call).toBe('getHelperFtn');
    expect((err as MissingDataError).key).toBe('CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS');
  });

  it('is never raised for notifications', () => {
    const ee = new ReplayEE(new MethodContext(), 'base');
    expect(ee.reportInliningDecision(M1, M2, CorInfoInline.INLINE_NEVER, 'never recorded')).toBeUndefined();
    expect(ee.setMethodAttribs(M1, 1)).toBeUndefined();
    expect(() => ee.getClassName(M1 as never)).toThrow('missing getClassName(0x0000030000000120)');
    expect(() => ee.getEEInfo()).toThrow('missing getEEInfo()');
  });
});

describe('recorded EE errors', () => {
  it('are raised again on replay', () => {
    const { context, result } = record('base', { token: String(BAD_TOKEN) });
    expect(result.ok).toBe(false);
    expect(replay(context, 'base', { token: String(BAD_TOKEN) }).result).toEqual(result);

    const ee = new ReplayEE(context, 'base');
    const tokenIn = { tokenContext: TOKEN.tokenContext, tokenScope: METHOD_INFO.scope, token: BAD_TOKEN, tokenType: TOKEN.tokenType };
    const err = thrownBy(() => ee.resolveToken(tokenIn));
    expect(err).toBeInstanceOf(EEError);
    expect((err as EEError).kind).toBe('BadToken');
    expect((err as EEError).message).toBe('token 0xa0000ff does not resolve');
  });
});

describe('getAsyncInfo', () => {
  const methodFields = ASYNC_INFO_BASE_FIELDS.filter((f) => !(ASYNC_INFO_DIFF_FIELDS as readonly string[]).includes(f));

  it('recorded through a diff EE only: a base replay misses the method-handle fields', () => {
    const { context } = record('diff');
    const err = thrownBy(() => new ReplayEE(context, 'base').getAsyncInfo());
    expect(err).toBeInstanceOf(MissingDataError);
    expect((err as MissingDataError).absentFields).toEqual(methodFields);
    expect((err as Error).message).toBe(`missing getAsyncInfo(): fields ${methodFields.join(', ')} were not recorded`);
    expect(() => replay(context, 'base')).toThrow(MissingDataError);

    const diffLayout = new ReplayEE(context, 'diff').getAsyncInfo();
    expect(Object.keys(diffLayout)).toEqual([...ASYNC_INFO_DIFF_FIELDS]);
  });

  it('merged from base and diff recordings: both layouts are served', () => {
    const base = record('base');
    const diff = record('diff');
    const merged = new MethodContext();
    merged.merge(base.context);
    merged.merge(diff.context);
    expect(merged.records(recordedEntry('getAsyncInfo'))).toHaveLength(1);
    expect(Object.keys(new ReplayEE(merged, 'base').getAsyncInfo())).toEqual([...ASYNC_INFO_BASE_FIELDS]);
    expect(Object.keys(new ReplayEE(merged, 'diff').getAsyncInfo())).toEqual([...ASYNC_INFO_DIFF_FIELDS]);
    expect(replay(merged, 'base').result).toEqual(base.result);
    expect(replay(merged, 'diff').result).toEqual(diff.result);
    expect(merged.root?.interfaceVersions).toEqual(['base', 'diff']);
  });

  it('merges the other way round too (diff first)', () => {
    const merged = record('diff').context;
    merged.merge(record('base').context);
    expect(Object.keys(new ReplayEE(merged, 'base').getAsyncInfo())).toEqual([...ASYNC_INFO_BASE_FIELDS]);
  });
});

describe('getHelperFtn', () => {
  it('is keyed by helper number, valid across versions', () => {
    const { context } = record('diff');
    const entry = recordedEntry('getHelperFtn');
    const async = context.lookup(entry, String(CorInfoHelpFunc.CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS));
    expect(async).toBeDefined();
    const ee = new ReplayEE(context, 'diff');
    const info = ee.getHelperFtn(CorInfoHelpFunc.CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS);
    expect(info.method).not.toBe(0n);
    // The same answer object is served for a repeated call.
    expect(ee.getHelperFtn(CorInfoHelpFunc.CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS)).toBe(info);
    expect(ee.getHelperFtn(CorInfoHelpFunc.CORINFO_HELP_THROW).lookup.handle).toBe(0x7ff6_0000_0000n + 64n * 0x40n);
  });
});
