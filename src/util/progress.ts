/**
 * Progress on stderr for long-running commands (record, replay).
 *
 * - On a terminal: one live line, redrawn in place at most every
 *   `redrawMs`, erased before anything else is printed and at the end.
 * - Otherwise (a pipe, a CI log): a plain line every `plainIntervalMs`, so a
 *   log shows the run is alive without being flooded.
 * - Off: nothing. Commands turn progress off with `--json`: a machine
 *   reading the summary wants stderr for errors and warnings only.
 *
 * The text is produced lazily (`update(() => text)`), so a caller can report
 * after every context without formatting a string each time.
 */

export type ProgressStyle = 'live' | 'plain' | 'off';

export interface ProgressOptions {
  readonly style?: ProgressStyle;
  readonly stream?: NodeJS.WriteStream;
  readonly redrawMs?: number;
  readonly plainIntervalMs?: number;
  /** Injected clock, for tests. */
  readonly now?: () => number;
}

/** The style a command gets by default: off with --json, live on a terminal, plain otherwise. */
export function progressStyleFor(json: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressStyle {
  if (json) return 'off';
  return stream.isTTY ? 'live' : 'plain';
}

export class Progress {
  readonly style: ProgressStyle;
  private readonly stream: NodeJS.WriteStream;
  private readonly redrawMs: number;
  private readonly plainIntervalMs: number;
  private readonly now: () => number;
  private lastShown: number;
  /** Width of the live line on screen, to erase it. */
  private shownWidth = 0;

  constructor(options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.style = options.style ?? progressStyleFor(false, this.stream);
    this.redrawMs = options.redrawMs ?? 100;
    this.plainIntervalMs = options.plainIntervalMs ?? 5000;
    this.now = options.now ?? Date.now;
    this.lastShown = this.now();
  }

  /** Shows `text()` if it is time to; cheap otherwise. */
  update(text: () => string): void {
    if (this.style === 'off') return;
    const now = this.now();
    if (this.style === 'live') {
      if (now - this.lastShown < this.redrawMs) return;
      this.lastShown = now;
      this.drawLive(text());
      return;
    }
    if (now - this.lastShown < this.plainIntervalMs) return;
    this.lastShown = now;
    this.stream.write(`${text()}\n`);
  }

  /** Writes a whole line to stderr without garbling the live line (which comes back at the next update). */
  message(line: string): void {
    this.clear();
    this.stream.write(`${line}\n`);
  }

  /** Removes the live line; call before printing results or exiting. */
  clear(): void {
    if (this.style !== 'live' || this.shownWidth === 0) return;
    this.stream.write(`\r${' '.repeat(this.shownWidth)}\r`);
    this.shownWidth = 0;
  }

  private drawLive(text: string): void {
    const columns = this.stream.columns ?? 100;
    const line = text.length >= columns ? text.slice(0, Math.max(0, columns - 1)) : text;
    const pad = this.shownWidth > line.length ? ' '.repeat(this.shownWidth - line.length) : '';
    this.stream.write(`\r${line}${pad}`);
    this.shownWidth = line.length;
  }
}
