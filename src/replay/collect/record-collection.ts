/**
 * `tspmi record`: enumerate the methods of some assemblies PMI-style, record
 * each with one or two JITs through the live EE, and write the contexts to a
 * .mch (+ .mct). A method that fails to compile is recorded like any other
 * (the failure is the recorded result); a method that cannot be compiled at
 * all is skipped; neither stops the run.
 */

import type { JitModule, JitOptions } from '../../jitee/jit-module.js';
import { INTERFACE_VERSION_IDS } from '../../jitee/version-id.js';
import type { CollectionMode } from '../../mc/mch-format.js';
import { MchWriter } from '../../mc/mch-writer.js';
import { InputError } from '../../util/errors.js';
import { Runtime } from '../../vm/index.js';
import { jitFlagsForMode } from '../../jit/compile-flags.js';
import { recordMethod } from './record-method.js';

export interface RecordOptions {
  readonly assemblies: readonly string[];
  readonly referenceDirectories?: readonly string[];
  readonly jits: readonly JitModule[];
  readonly mode: CollectionMode;
  /** Method-name glob (see vm's enumeration). */
  readonly filter?: string;
  readonly output: string;
  readonly jitOptions?: JitOptions;
  /** Called after each method, for progress and per-method reporting. */
  readonly onMethod?: (event: RecordEvent, counts: Readonly<RecordCounts>) => void;
}

export type RecordEventKind = 'compiled' | 'failed' | 'skipped';

export interface RecordEvent {
  readonly kind: RecordEventKind;
  readonly name: string;
  /** Why it failed or was skipped, one line; harness problems included. */
  readonly messages: readonly string[];
}

export interface RecordCounts {
  /** Methods enumerated (after the filter). */
  methods: number;
  /** Methods every JIT compiled. */
  compiled: number;
  /**
   * Methods at least one JIT failed on (the failure is recorded), whose types
   * do not load, or that the harness could not record cleanly.
   */
  failed: number;
  /** Methods without IL to compile. */
  skipped: number;
  /** Contexts written. */
  contexts: number;
}

export interface RecordSummary extends RecordCounts {
  readonly output: string;
  readonly tocPath: string | undefined;
  readonly mode: CollectionMode;
  readonly jits: readonly string[];
  readonly interfaceVersions: readonly string[];
  /** Bytes of the .mch written. */
  readonly bytes: number;
  readonly seconds: number;
}

function checkJits(jits: readonly JitModule[]): void {
  if (jits.length === 0) throw new InputError('record: no JIT given');
  const versions = new Set<string>();
  for (const jit of jits) {
    if (versions.has(jit.interfaceVersion)) {
      throw new InputError(
        `record: two JITs need interface version '${jit.interfaceVersion}'; a collection keeps one live result per version, so record them separately`,
      );
    }
    versions.add(jit.interfaceVersion);
  }
}

export function recordCollection(options: RecordOptions): RecordSummary {
  const started = performance.now();
  checkJits(options.jits);
  const rt = Runtime.load({ assemblies: options.assemblies, referenceDirectories: options.referenceDirectories });
  const methods = rt.enumerateMethods(options.filter === undefined ? {} : { filter: options.filter });
  const flags = jitFlagsForMode(options.mode);
  const interfaceVersions = INTERFACE_VERSION_IDS.filter((v) => options.jits.some((j) => j.interfaceVersion === v));
  const counts: RecordCounts = { methods: methods.length, compiled: 0, failed: 0, skipped: 0, contexts: 0 };

  const writer = MchWriter.create(options.output, {
    interfaceVersions,
    mode: options.mode,
    createdBy: 'record',
    createdFrom: [...options.assemblies],
  });
  try {
    for (const method of methods) {
      let event: RecordEvent;
      if (!method.ok) {
        // Its types do not load: counted as failed, as `tspmi compile` counts it; there is nothing to record.
        counts.failed++;
        event = { kind: 'failed', name: method.name, messages: [`${method.error.kind}: ${method.error.message}`] };
      } else {
        const recorded = recordMethod(rt, method, options.jits, options.mode, flags, options.jitOptions);
        if (recorded.context !== undefined) {
          writer.append(recorded.context.toData(), { methodHash: recorded.context.methodHash(), methodName: method.name });
          counts.contexts++;
        }
        const failures = recorded.results.filter((r) => !r.result.ok).map((r) => `${r.jit}: ${r.result.ok ? '' : r.result.message}`);
        if (recorded.skipped === true) {
          counts.skipped++;
          event = { kind: 'skipped', name: method.name, messages: ['no IL to compile'] };
        } else if (failures.length > 0 || recorded.problems.length > 0) {
          counts.failed++;
          event = { kind: 'failed', name: method.name, messages: [...failures, ...recorded.problems] };
        } else {
          counts.compiled++;
          event = { kind: 'compiled', name: method.name, messages: [] };
        }
      }
      options.onMethod?.(event, counts);
    }
    const written = writer.close();
    return {
      ...counts,
      output: written.path,
      tocPath: written.tocPath,
      mode: options.mode,
      jits: options.jits.map((j) => j.name),
      interfaceVersions,
      bytes: written.bytes,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (err) {
    writer.abort();
    throw err;
  }
}
