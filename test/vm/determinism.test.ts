import { describe, expect, it } from 'vitest';
import { type JitInterface, isEEError } from '../../src/jitee/index.js';
import { CODE_REGION_BASE, CODE_REGION_SIZE, HANDLE_RANGES, type LiveJitInterface, type Runtime } from '../../src/vm/index.js';
import { fnv1a64 } from '../../src/vm/identity-hash.js';
import { loadFixtures, walkMethod } from './helpers.js';

/** Wraps a JitInterface so every query and its answer (or EEError) is logged as text. */
function recording(ji: LiveJitInterface, log: string[]): LiveJitInterface {
  return new Proxy(ji, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string' || !prop.startsWith('get') && !['resolveToken', 'canInline', 'initClass', 'constructStringLiteral', 'embedClassHandle'].includes(prop)) return value;
      return (...args: unknown[]) => {
        let out: unknown;
        try {
          out = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (err) {
          if (!isEEError(err)) throw err;
          out = `EEError ${err.kind}: ${err.message}`;
        }
        log.push(`${prop}(${stringify(args)}) = ${stringify(out)}`);
        return out;
      };
    },
  });
}

function stringify(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `0x${x.toString(16)}` : x instanceof Uint8Array ? Buffer.from(x).toString('hex') : x));
}

function transcript(rt: Runtime, mode: 'jit' | 'r2r', order: 'forward' | 'reverse'): Map<string, string> {
  const methods = rt.enumerateMethods().filter((m) => m.ok);
  if (order === 'reverse') methods.reverse();
  const out = new Map<string, string>();
  for (const m of methods) {
    if (!m.ok) continue;
    const log: string[] = [];
    const ji = rt.createJitInterface({ version: 'diff', mode, method: m.method });
    walkMethod(recording(ji, log), ji.method, undefined, 1);
    log.push(stringify(ji.r2rFixups), stringify(ji.dependencies), stringify(ji.getAsyncInfo()));
    out.set(m.name, log.join('\n'));
  }
  return out;
}

describe('determinism', () => {
  it('two Runtimes over the same inputs answer every query identically, whatever the compile order', () => {
    for (const mode of ['jit', 'r2r'] as const) {
      const a = transcript(loadFixtures(), mode, 'forward');
      const b = transcript(loadFixtures(), mode, 'reverse');
      expect(a.size).toBeGreaterThan(1000);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [name, log] of a) expect(b.get(name), name).toBe(log);
    }
  });

  it('handles are the FNV-1a hash of their identity, placed in their range', () => {
    const rt = loadFixtures();
    const t = rt.findType('Fixtures.Objects.Point', 'Objects');
    const slots = 1n << 36n;
    expect(rt.classHandle(t)).toBe(HANDLE_RANGES.class + ((fnv1a64(`class:${t.key}`) % slots) << 4n));
    const m = rt.findMethod(t, 'LengthSquared');
    expect(rt.methodHandle(m)).toBe(HANDLE_RANGES.method + ((fnv1a64(`method:${m.key}`) % slots) << 4n));
    expect(t.key).toMatch(/^Objects!02[0-9a-f]{6}$/);
  });

  it('hands out even method and class handles and code addresses inside the 1 GiB code region', () => {
    const rt = loadFixtures();
    for (const m of rt.enumerateMethods()) {
      if (!m.ok) continue;
      expect(m.method & 1n).toBe(0n);
      expect(rt.classHandle(m.desc.owner) & 1n).toBe(0n);
      const entry = rt.entryPoint(m.desc);
      expect(entry >= CODE_REGION_BASE && entry < CODE_REGION_BASE + CODE_REGION_SIZE).toBe(true);
    }
  });

  it('gives distinct entry points to distinct code and one to shared code', () => {
    const rt = loadFixtures();
    const entries = new Map<bigint, string>();
    for (const m of rt.enumerateMethods()) {
      if (!m.ok) continue;
      const e = rt.entryPoint(m.desc);
      expect(entries.get(e), m.name).toBeUndefined();
      entries.set(e, m.name);
    }
  });

  it('allocMem places blocks deterministically per method', () => {
    const blocks = () => {
      const rt = loadFixtures();
      const m = rt.enumerateMethods({ filter: 'Fixtures.Objects.StructTests:MakePoint*' })[0]!;
      const ji: JitInterface = rt.createJitInterface({ version: 'base', mode: 'jit', method: m.ok ? m.method : 0n as never });
      return ji.allocMem({ hotCodeSize: 100, coldCodeSize: 10, roDataSize: 20, xcptnsCount: 0, flag: 0 });
    };
    const a = blocks();
    expect(blocks()).toEqual(a);
    expect(a.roDataBlock - a.hotCodeBlock).toBe(104n);
    expect(a.coldCodeBlock - a.roDataBlock).toBe(24n);
    expect(a.hotCodeBlock % 0x10000n).toBe(0n);
  });
});
