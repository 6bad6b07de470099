/**
 * A hand-written stand-in for the live EE: answers every query with the
 * sample answers of test/agnostic/samples.ts, plus a few methods that really
 * depend on their arguments and on the served interface version (the ones
 * the mini JIT uses). Counts the calls it receives.
 */

import { recordedEntry } from '../../src/agnostic/index.js';
import {
  type AllocMemArgs,
  type AllocMemResult,
  ASYNC_CONTEXT_CALLS,
  CORINFO_QUERY_NAMES,
  CORJIT_RESULT_SINK_NAMES,
  type CORINFO_ASYNC_INFO_FULL,
  type CORINFO_CONST_LOOKUP,
  type CORINFO_METHOD_HANDLE,
  type CORINFO_RESOLVED_TOKEN,
  type CORINFO_RESOLVED_TOKEN_IN,
  CompileReportCollector,
  EEError,
  HELPER_TABLES,
  type HelperFtnInfo,
  InfoAccessType,
  type InterfaceVersionId,
  type JitInterface,
  NULL_METHOD_HANDLE,
  asyncInfoForVersion,
  codeAddress,
  helperName,
  helperNumber,
  methodHandle,
} from '../../src/jitee/index.js';
import { QUERY_SAMPLES, TOKEN } from '../agnostic/samples.js';

export const ASYNC_INFO_FULL: CORINFO_ASYNC_INFO_FULL = QUERY_SAMPLES.getAsyncInfo[0]!.value as CORINFO_ASYNC_INFO_FULL;
export const BAD_TOKEN = 0x0a00_00ff;

type Answer = (...args: never[]) => unknown;

export interface FakeEE extends JitInterface {
  /** Calls received per method name. */
  readonly calls: Map<string, number>;
  readonly collector: CompileReportCollector;
}

function sampleAnswer(name: string, args: readonly unknown[]): unknown {
  const samples = (QUERY_SAMPLES as unknown as Record<string, readonly { args: readonly unknown[]; value: unknown }[]>)[name]!;
  const entry = recordedEntry(name);
  const key = entry.keyOf(args);
  return (samples.find((s) => entry.keyOf(s.args) === key) ?? samples[0]!).value;
}

export function helperStub(n: number): bigint {
  return 0x0000_7ff6_0000_0000n + BigInt(n * 0x40);
}

export function entryPoint(m: bigint): bigint {
  return 0x0000_7ff6_0100_0000n + (m & 0xffffn) * 16n;
}

/** The managed method behind an async helper of the diff version (the same method the base field names). */
function asyncHelperMethod(n: number): CORINFO_METHOD_HANDLE {
  const call = ASYNC_CONTEXT_CALLS.find((c) => helperNumber(HELPER_TABLES.diff, c.helper) === n);
  return call === undefined ? NULL_METHOD_HANDLE : (ASYNC_INFO_FULL[call.field] as CORINFO_METHOD_HANDLE);
}

export function createFakeEE(version: InterfaceVersionId, overrides: Record<string, Answer> = {}): FakeEE {
  const calls = new Map<string, number>();
  const collector = new CompileReportCollector((args: AllocMemArgs): AllocMemResult => {
    const total = args.hotCodeSize + args.coldCodeSize + args.roDataSize;
    const hot = 0x0000_7ff6_2000_0000n + BigInt(total) * 0x1_0000n;
    return {
      hotCodeBlock: codeAddress(hot),
      coldCodeBlock: codeAddress(args.coldCodeSize > 0 ? hot + 0x8000n : 0n),
      roDataBlock: codeAddress(args.roDataSize > 0 ? hot + BigInt(args.hotCodeSize + 0xf) / 16n * 16n : 0n),
    };
  });

  const specific: Record<string, Answer> = {
    getAsyncInfo: () => asyncInfoForVersion(ASYNC_INFO_FULL, version),
    getHelperFtn: (n: number): HelperFtnInfo => {
      if (helperName(HELPER_TABLES[version], n) === undefined) {
        throw new EEError('NotSupported', `helper ${n} does not exist in interface version ${version}`);
      }
      return { lookup: { accessType: InfoAccessType.IAT_VALUE, handle: codeAddress(helperStub(n)) }, method: asyncHelperMethod(n) };
    },
    getFunctionEntryPoint: (m: CORINFO_METHOD_HANDLE): CORINFO_CONST_LOOKUP => ({
      accessType: InfoAccessType.IAT_VALUE,
      handle: codeAddress(entryPoint(m)),
    }),
    resolveToken: (tok: CORINFO_RESOLVED_TOKEN_IN): CORINFO_RESOLVED_TOKEN => {
      if (tok.token === BAD_TOKEN) throw new EEError('BadToken', `token 0x${tok.token.toString(16)} does not resolve`);
      return { ...TOKEN, ...tok, hMethod: methodHandle(0x0000_0300_0000_0000n + BigInt(tok.token & 0xffff) * 16n) };
    },
    getMethodAttribs: (m: CORINFO_METHOD_HANDLE) => Number(m & 0xffn),
  };

  const ee: Record<string, unknown> = { interfaceVersion: version, calls, collector };
  const count = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);
  for (const name of CORINFO_QUERY_NAMES) {
    const answer = overrides[name] ?? specific[name];
    ee[name] = (...args: unknown[]) => {
      count(name);
      return answer !== undefined ? (answer as (...a: unknown[]) => unknown)(...args) : sampleAnswer(name, args);
    };
  }
  for (const name of CORJIT_RESULT_SINK_NAMES) {
    ee[name] = (...args: unknown[]) => {
      count(name);
      return (collector[name] as (...a: unknown[]) => unknown)(...args);
    };
  }
  return ee as unknown as FakeEE;
}
