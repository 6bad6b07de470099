import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withMchReader } from '../../src/mc/mch-reader.js';
import { MchWriter, withMchWriter } from '../../src/mc/mch-writer.js';
import { jitHeader, metaFor, sampleContext, tempDir, writeSample } from './helpers.js';

const builtWriter = fileURLToPath(new URL('../../dist/mc/mch-writer.js', import.meta.url));

describe('MchWriter: nothing half-written', () => {
  it('writes nothing at the destination until close', () => {
    const dir = tempDir();
    const file = path.join(dir, 'out.mch');
    const writer = MchWriter.create(file, jitHeader);
    for (let i = 1; i <= 50; i++) writer.append(sampleContext(i), metaFor(i));
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.mct`)).toBe(false);
    writer.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['out.mch', 'out.mch.mct']);
  });

  it('abort leaves no file and no temporary file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'out.mch');
    const writer = MchWriter.create(file, jitHeader);
    writer.append(sampleContext(1), metaFor(1));
    writer.abort();
    writer.abort();
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(() => writer.append(1, { methodHash: 'x' })).toThrow(/aborted/);
  });

  it('an exception mid-write keeps the previous file and its TOC', () => {
    const dir = tempDir();
    const file = path.join(dir, 'out.mch');
    writeSample(file, 3);
    const before = fs.readFileSync(file);
    const tocBefore = fs.readFileSync(`${file}.mct`);
    expect(() =>
      withMchWriter(file, jitHeader, (writer) => {
        writer.append(sampleContext(9), metaFor(9));
        throw new Error('recording failed');
      }),
    ).toThrow('recording failed');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readFileSync(`${file}.mct`).equals(tocBefore)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['out.mch', 'out.mch.mct']);
  });

  it('a value that cannot be encoded throws and the writer stays usable', () => {
    const file = path.join(tempDir(), 'out.mch');
    const writer = MchWriter.create(file, jitHeader);
    writer.append(sampleContext(1), metaFor(1));
    expect(() => writer.append({ handle: 1n, symbol: Symbol('not encodable') }, metaFor(2))).toThrow();
    writer.append(sampleContext(3), metaFor(3));
    writer.close();
    withMchReader(file, (reader) => {
      const entries = [...reader.contexts()];
      expect(entries.map((e) => e.kind === 'context' && e.meta.methodHash)).toEqual([metaFor(1).methodHash, metaFor(3).methodHash]);
    });
  });

  it('a writer that never closes (a killed process) leaves no destination file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'killed.mch');
    const writer = MchWriter.create(file, jitHeader);
    for (let i = 0; i < 3000; i++) writer.append({ i, blob: new Uint8Array(1000) }, { methodHash: String(i) });
    const left = fs.readdirSync(dir);
    expect(left.length).toBe(2);
    expect(left.every((name) => name.startsWith('.killed.mch') && name.endsWith('.tmp'))).toBe(true);
    expect(fs.statSync(path.join(dir, left.find((n) => !n.includes('.mct'))!)).size).toBeGreaterThan(1 << 20);
    writer.abort();
  });

  it.skipIf(!fs.existsSync(builtWriter))('a process killed mid-write leaves no destination file (built code)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'killed.mch');
    const script = `
      const { MchWriter } = await import(${JSON.stringify(pathToFileURL(builtWriter).href)});
      const w = MchWriter.create(${JSON.stringify(file)}, { interfaceVersions: ['base'], mode: 'jit' });
      for (let i = 0; i < 3000; i++) w.append({ i, blob: new Uint8Array(1000) }, { methodHash: String(i) });
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.mct`)).toBe(false);
  });

  it.skipIf(!fs.existsSync(builtWriter))('a process exiting without close removes its temporary files', () => {
    const dir = tempDir();
    const file = path.join(dir, 'exited.mch');
    const script = `
      const { MchWriter } = await import(${JSON.stringify(pathToFileURL(builtWriter).href)});
      const w = MchWriter.create(${JSON.stringify(file)}, { interfaceVersions: ['base'], mode: 'jit' });
      w.append({ i: 1 }, { methodHash: '1' });
      throw new Error('crash');
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.status).not.toBe(0);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('can overwrite its own input', () => {
    const file = path.join(tempDir(), 'same.mch');
    writeSample(file, 2);
    writeSample(file, 4);
    withMchReader(file, (reader) => expect(reader.countRecords().contexts).toBe(4));
  });

  it('writing without a TOC removes the stale TOC of the file it replaces', () => {
    const dir = tempDir();
    const file = path.join(dir, 'r.mch');
    writeSample(file, 3);
    withMchWriter(file, jitHeader, (w) => w.append(1, { methodHash: 'a' }), { toc: false });
    expect(fs.readdirSync(dir)).toEqual(['r.mch']);
  });

  it('refuses an unwritable destination with an InputError', () => {
    expect(() => MchWriter.create(path.join(tempDir(), 'no', 'such', 'dir.mch'), jitHeader)).toThrow(/cannot create/);
  });
});
