import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from '../../util/errors.js';
import { describeFsError } from './chunked-file.js';

/**
 * A file written under a temporary name in the destination's directory and
 * renamed into place only when complete. A process that dies before commit()
 * leaves the destination untouched (absent, or its previous version); only a
 * hidden `.NAME.*.tmp` file may remain, and even that is removed when the
 * process exits normally or through an uncaught exception.
 */
export class AtomicOutput {
  readonly tempPath: string;
  private fd: number | undefined;

  constructor(readonly finalPath: string) {
    const dir = path.dirname(finalPath);
    const base = path.basename(finalPath);
    this.tempPath = path.join(dir, `.${base}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      this.fd = fs.openSync(this.tempPath, 'wx');
    } catch (err) {
      throw new InputError(`${finalPath}: cannot create (${describeFsError(err)})`);
    }
    pending.add(this);
    ensureExitCleanup();
  }

  get descriptor(): number {
    if (this.fd === undefined) throw new Error(`${this.finalPath}: output already finished`);
    return this.fd;
  }

  get isOpen(): boolean {
    return this.fd !== undefined;
  }

  /** Writes all of `bytes` at the current end of the temporary file. */
  write(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(this.descriptor, bytes, done, bytes.length - done);
  }

  /** Writes at an absolute position (for fields patched after the fact). */
  writeAt(bytes: Uint8Array, position: number): void {
    let done = 0;
    while (done < bytes.length) {
      done += fs.writeSync(this.descriptor, bytes, done, bytes.length - done, position + done);
    }
  }

  /** Flushes and closes the temporary file; returns its final stat. Call commit() next. */
  finish(): fs.Stats {
    const fd = this.descriptor;
    fs.fsyncSync(fd);
    const stat = fs.fstatSync(fd);
    fs.closeSync(fd);
    this.fd = undefined;
    return stat;
  }

  /** Renames the finished file into place. */
  commit(): void {
    if (this.fd !== undefined) this.finish();
    fs.renameSync(this.tempPath, this.finalPath);
    pending.delete(this);
  }

  /** Drops the temporary file; the destination is left as it was. Safe to call twice. */
  abort(): void {
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // Already unusable; removing the file is what matters.
      }
      this.fd = undefined;
    }
    if (pending.delete(this)) {
      try {
        fs.unlinkSync(this.tempPath);
      } catch {
        // Gone already.
      }
    }
  }
}

/** Writes a small file atomically in one go. */
export function writeFileAtomically(finalPath: string, bytes: Uint8Array): void {
  const out = new AtomicOutput(finalPath);
  try {
    out.write(bytes);
    out.commit();
  } catch (err) {
    out.abort();
    throw err;
  }
}

const pending = new Set<AtomicOutput>();
let cleanupInstalled = false;

function ensureExitCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', () => {
    for (const output of [...pending]) output.abort();
  });
}
