/**
 * Where the per-context time limit attaches. Each worker publishes, in
 * shared memory, the context it is replaying and since when; the main
 * thread reads every worker's slot without a message round trip: its
 * watchdog terminates a worker stuck past the limit, and a worker that died
 * is charged with the context its slot still shows (see run-replay.ts).
 */

/** Per worker: [context index (0 = idle), start time in ms since the epoch]. */
const SLOT_FIELDS = 2;

export class ContextClock {
  private readonly slots: Float64Array;

  constructor(
    readonly buffer: SharedArrayBuffer,
    private readonly worker: number,
  ) {
    this.slots = new Float64Array(buffer);
  }

  static allocate(workers: number): SharedArrayBuffer {
    return new SharedArrayBuffer(workers * SLOT_FIELDS * Float64Array.BYTES_PER_ELEMENT);
  }

  started(index: number): void {
    this.slots[this.worker * SLOT_FIELDS + 1] = Date.now();
    this.slots[this.worker * SLOT_FIELDS] = index;
  }

  finished(): void {
    this.slots[this.worker * SLOT_FIELDS] = 0;
  }

  /** What worker `worker` is replaying now, as seen from any thread. */
  static current(buffer: SharedArrayBuffer, worker: number): { index: number; sinceMs: number } | undefined {
    const slots = new Float64Array(buffer);
    const index = slots[worker * SLOT_FIELDS]!;
    return index === 0 ? undefined : { index, sinceMs: slots[worker * SLOT_FIELDS + 1]! };
  }
}
