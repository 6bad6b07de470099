/**
 * Puts the outcome streams of several workers back into one stream in
 * ascending context order. Each worker's stream is already ascending, so an
 * outcome can be released once every worker still running has something
 * queued (or has finished): nothing smaller can arrive any more. That makes
 * the output, the failure limit and the totals independent of -p and of
 * thread timing.
 */

import type { ContextOutcome } from './outcome.js';

class OutcomeQueue {
  private items: ContextOutcome[] = [];
  private head = 0;
  done = false;

  push(outcomes: readonly ContextOutcome[]): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    for (const o of outcomes) this.items.push(o);
  }

  peek(): ContextOutcome | undefined {
    return this.items[this.head];
  }

  take(): ContextOutcome {
    return this.items[this.head++]!;
  }
}

export class OrderedMerge {
  private readonly queues: OutcomeQueue[];

  constructor(streams: number) {
    this.queues = Array.from({ length: streams }, () => new OutcomeQueue());
  }

  push(stream: number, outcomes: readonly ContextOutcome[], done: boolean): void {
    const queue = this.queues[stream]!;
    queue.push(outcomes);
    if (done) queue.done = true;
  }

  /** True once every stream has finished and been drained. */
  get finished(): boolean {
    return this.queues.every((q) => q.done && q.peek() === undefined);
  }

  /** Releases every outcome whose place in the order is certain. */
  *release(): Generator<ContextOutcome> {
    for (;;) {
      let next: OutcomeQueue | undefined;
      for (const queue of this.queues) {
        const head = queue.peek();
        if (head === undefined) {
          if (!queue.done) return;
          continue;
        }
        if (next === undefined || head.index < next.peek()!.index) next = queue;
      }
      if (next === undefined) return;
      yield next.take();
    }
  }
}
