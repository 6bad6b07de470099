/** Progress on stderr: a live line on a terminal, periodic plain lines otherwise, nothing when off. */
import { describe, expect, it } from 'vitest';
import { Progress, progressStyleFor } from '../../src/util/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { written: string } {
  const stream = { isTTY, columns: 40, written: '', write(text: string) { stream.written += text; return true; } };
  return stream as unknown as NodeJS.WriteStream & { written: string };
}

describe('Progress', () => {
  it('chooses off with --json, live on a terminal, plain otherwise', () => {
    expect(progressStyleFor(true, fakeStream(true))).toBe('off');
    expect(progressStyleFor(false, fakeStream(true))).toBe('live');
    expect(progressStyleFor(false, fakeStream(false))).toBe('plain');
  });

  it('redraws one live line in place, throttled, and erases it', () => {
    let now = 0;
    const stream = fakeStream(true);
    const p = new Progress({ style: 'live', stream, redrawMs: 100, now: () => now });
    now = 100;
    p.update(() => 'Loaded 10');
    now = 150;
    p.update(() => 'Loaded 15');
    now = 200;
    p.update(() => 'Loaded 2');
    expect(stream.written).toBe('\rLoaded 10\rLoaded 2 ');
    p.clear();
    expect(stream.written.endsWith(`\r${' '.repeat(8)}\r`)).toBe(true);
  });

  it('cuts a live line to the terminal width', () => {
    const stream = fakeStream(true);
    let now = 0;
    const p = new Progress({ style: 'live', stream, now: () => (now += 1000) });
    p.update(() => 'x'.repeat(100));
    expect(stream.written).toBe(`\r${'x'.repeat(39)}`);
  });

  it('prints plain lines at most every interval, and nothing when off', () => {
    let now = 0;
    const stream = fakeStream(false);
    const p = new Progress({ style: 'plain', stream, plainIntervalMs: 1000, now: () => now });
    for (now = 0; now <= 2500; now += 250) p.update(() => `at ${now}`);
    expect(stream.written).toBe('at 1000\nat 2000\n');
    const quiet = fakeStream(false);
    const off = new Progress({ style: 'off', stream: quiet, now: () => (now += 10_000) });
    off.update(() => 'x');
    off.clear();
    expect(quiet.written).toBe('');
  });
});
