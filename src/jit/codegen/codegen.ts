/**
 * The state of code generation for one method: the emitter, the frame plan,
 * block labels, EH region bookkeeping (throw stubs per region), and what the
 * result needs (safe points, IL-to-native markers).
 */

import { CorInfoHelpFunc, type CorInfoHelpFunc as HelpFunc } from '../../jitee/index.js';
import type { EECache } from '../importer/ee-cache.js';
import type { IrMethod } from '../ir/method.js';
import type { CallTarget, TargetInfo } from '../ir/ops.js';
import { X64Emitter, type Label } from '../x64/index.js';
import type { FramePlan } from './frame-plan.js';

/** An IL-to-native marker: the emitter position where an IL instruction's code starts, or a call instruction. */
export interface PositionMark {
  readonly position: number;
  readonly ilOffset: number;
  /** SourceTypes bits. */
  readonly source: number;
}

/** A throw helper call placed at the end of an EH region, shared by every check in the region. */
interface ThrowStub {
  readonly helper: HelpFunc;
  readonly label: Label;
}

export class CodeGen {
  readonly e = new X64Emitter<TargetInfo>();
  /** Label of each block (by block id). */
  readonly blockLabels: Label[];
  /** Emitter positions just after each call that is a GC safe point. */
  readonly safePointPositions: number[] = [];
  readonly marks: PositionMark[] = [];
  /** Throw stubs requested per region (index into `regions`, -1 for code outside every region). */
  private readonly throwStubs = new Map<number, ThrowStub[]>();
  /** The region of the block being generated. */
  currentRegion = -1;
  readonly epilogLabel: Label;
  /** Emitter position where the epilog starts (set when it is emitted). */
  epilogPosition = -1;

  constructor(
    readonly method: IrMethod,
    readonly plan: FramePlan,
    readonly ee: EECache,
  ) {
    this.blockLabels = method.blocks.map(() => this.e.newLabel());
    this.epilogLabel = this.e.newLabel();
  }

  /** rbp-relative offset of a variable's storage. */
  varOffset(id: number): number {
    return this.plan.varOffsets[id]!;
  }

  /** The target of a helper codegen calls on its own (getHelperFtn). */
  helper(helper: HelpFunc): CallTarget {
    return this.ee.helper(helper);
  }

  /** Whether a rel32 field can reach `address` (the EE's relocation hint). */
  reachable(address: bigint): boolean {
    return this.ee.reachableRel32(address);
  }

  /** Label of the throw stub calling `helper` in the current region (created on first use). */
  throwLabel(helper: HelpFunc): Label {
    let stubs = this.throwStubs.get(this.currentRegion);
    if (stubs === undefined) {
      stubs = [];
      this.throwStubs.set(this.currentRegion, stubs);
    }
    const existing = stubs.find((s) => s.helper === helper);
    if (existing !== undefined) return existing.label;
    const label = this.e.newLabel();
    stubs.push({ helper, label });
    return label;
  }

  /** Throw stubs of `region` still to be emitted (and forgets them). */
  takeThrowStubs(region: number): readonly ThrowStub[] {
    const stubs = this.throwStubs.get(region) ?? [];
    this.throwStubs.delete(region);
    return stubs;
  }

  markSafePoint(): void {
    this.safePointPositions.push(this.e.position);
  }
}

/** Helpers that cannot trigger a GC (write barriers): their calls are not safe points. */
export const NO_GC_HELPERS: ReadonlySet<number> = new Set<number>([
  CorInfoHelpFunc.CORINFO_HELP_ASSIGN_REF,
  CorInfoHelpFunc.CORINFO_HELP_CHECKED_ASSIGN_REF,
  CorInfoHelpFunc.CORINFO_HELP_ASSIGN_BYREF,
]);
