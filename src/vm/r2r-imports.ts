/**
 * ReadyToRun import cells, as crossgen2 hands them to the JIT: every call,
 * helper, type handle, string literal and static base is reached through a
 * cell the runtime fills on first use ("delay load"), described by a fixup
 * (READYTORUN_FIXUP_* kind plus what it names). Cells are image-wide: the
 * same target always gets the same cell. Each compile records the fixups
 * and dependency nodes its code needs, the way crossgen2 adds nodes to the
 * image's dependency graph (a MethodEntrypoint for a callee, a Helper for a
 * helper import).
 */

import {
  type CORINFO_CLASS_HANDLE,
  type CORINFO_FIELD_HANDLE,
  type CORINFO_METHOD_HANDLE,
  type CodeAddress,
  type InterfaceVersion,
  ReadyToRunFixupKind,
  formatHelper,
  formatR2RHelper,
} from '../jitee/index.js';
import type { ImportCellFamily } from './address-map.js';
import type { ModuleDesc } from './definitions.js';
import type { FieldDesc, MethodDesc } from './member-desc.js';
import type { Runtime } from './runtime.js';
import type { DefType, TypeDesc } from './type-desc.js';

export type DependencyKind =
  | 'MethodEntrypoint'
  | 'Helper'
  | 'TypeHandle'
  | 'MethodHandle'
  | 'FieldHandle'
  | 'StringLiteral'
  | 'StaticBase'
  | 'VirtualEntry'
  | 'DictionaryLookup'
  | 'NewObject'
  | 'NewArray'
  | 'TypeCheck'
  | 'DelegateCtor';

export interface R2RFixup {
  /** The import cell's address. */
  readonly cell: CodeAddress;
  readonly kind: ReadyToRunFixupKind;
  /** e.g. `READYTORUN_FIXUP_MethodEntry_DefToken`. */
  readonly kindName: string;
  /** What the cell is bound to, for people: a method, helper, type, string, … */
  readonly target: string;
  readonly method?: CORINFO_METHOD_HANDLE;
  readonly cls?: CORINFO_CLASS_HANDLE;
  readonly field?: CORINFO_FIELD_HANDLE;
  /** The JIT helper the cell stands for (Helper fixups). */
  readonly helper?: number;
  /** The READYTORUN_HELPER_* id in the fixup signature (Helper fixups), when the helper has one. */
  readonly r2rHelper?: number;
}

export interface DependencyNode {
  readonly kind: DependencyKind;
  readonly target: string;
  readonly method?: CORINFO_METHOD_HANDLE;
  readonly helper?: number;
}

const FIXUP_KIND_NAMES = new Map<number, string>(Object.entries(ReadyToRunFixupKind).map(([k, v]) => [v, k]));

export function fixupKindName(kind: ReadyToRunFixupKind): string {
  return FIXUP_KIND_NAMES.get(kind) ?? `READYTORUN_FIXUP_<0x${kind.toString(16)}>`;
}

export type StaticBaseKind = 'nonGC' | 'gc' | 'threadNonGC' | 'threadGC';

const STATIC_BASE_FIXUPS: Readonly<Record<StaticBaseKind, { kind: ReadyToRunFixupKind; family: ImportCellFamily; text: string }>> = {
  nonGC: { kind: ReadyToRunFixupKind.READYTORUN_FIXUP_StaticBaseNonGC, family: 'staticBaseNonGC', text: 'non-GC static base' },
  gc: { kind: ReadyToRunFixupKind.READYTORUN_FIXUP_StaticBaseGC, family: 'staticBaseGC', text: 'GC static base' },
  threadNonGC: { kind: ReadyToRunFixupKind.READYTORUN_FIXUP_ThreadStaticBaseNonGC, family: 'threadStaticBaseNonGC', text: 'non-GC thread static base' },
  threadGC: { kind: ReadyToRunFixupKind.READYTORUN_FIXUP_ThreadStaticBaseGC, family: 'threadStaticBaseGC', text: 'GC thread static base' },
};

/** The import cells one compile uses, with their fixups and dependency nodes. */
export class R2RImports {
  private readonly fixupsByCell = new Map<bigint, R2RFixup>();
  private readonly dependencyByKey = new Map<string, DependencyNode>();

  constructor(
    private readonly rt: Runtime,
    private readonly version: InterfaceVersion,
    /** The compiled method's module: the version bubble. */
    private readonly bubble: ModuleDesc,
  ) {}

  /** Fixups in the order the cells were first used. */
  get fixups(): readonly R2RFixup[] {
    return [...this.fixupsByCell.values()];
  }

  get dependencies(): readonly DependencyNode[] {
    return [...this.dependencyByKey.values()];
  }

  private record(fixup: R2RFixup, dependency: DependencyNode): CodeAddress {
    if (!this.fixupsByCell.has(fixup.cell)) this.fixupsByCell.set(fixup.cell, fixup);
    const key = `${dependency.kind}|${dependency.target}`;
    if (!this.dependencyByKey.has(key)) this.dependencyByKey.set(key, dependency);
    return fixup.cell;
  }

  /** The delay-load call cell of a method (its canonical code). */
  methodEntry(md: MethodDesc): CodeAddress {
    const rt = this.rt;
    const code = rt.canonicalMethod(md);
    const name = rt.names.methodName(code);
    const generic = code.def === undefined || code.ownerDef!.instantiation.length > 0 || code.instantiation.length > 0;
    const kind = generic
      ? ReadyToRunFixupKind.READYTORUN_FIXUP_MethodEntry
      : code.def!.module === this.bubble
        ? ReadyToRunFixupKind.READYTORUN_FIXUP_MethodEntry_DefToken
        : ReadyToRunFixupKind.READYTORUN_FIXUP_MethodEntry_RefToken;
    const cell = rt.importCell('methodEntry', code.key, rt.codeIndex(code), `import cell: method entry of ${name}`);
    const method = rt.methodHandle(code);
    return this.record({ cell, kind, kindName: fixupKindName(kind), target: name, method }, { kind: 'MethodEntrypoint', target: name, method });
  }

  /** The helper import cell of a JIT helper. */
  helper(helper: number, r2rHelper: number | undefined, method?: CORINFO_METHOD_HANDLE): CodeAddress {
    const rt = this.rt;
    const name = formatHelper(helper);
    const r2rName = r2rHelper === undefined ? undefined : formatR2RHelper(this.version.r2rHelpers, r2rHelper);
    const target = r2rName ?? `${name} (no ReadyToRun helper id)`;
    // The cell is placed by the JIT helper it stands for, not by its READYTORUN_HELPER
    // id: the id is part of the fixup signature, so renumbering ids between interface
    // versions changes the image's fixups (a format break the R2R table check reports)
    // while the code that reads the cell stays the same.
    const cell =
      r2rHelper === undefined
        ? rt.importCell('other', `helper:${name}`, undefined, `import cell: helper ${name}`)
        : rt.importCell('helper', name, helper, `import cell: helper ${name}`);
    const kind = ReadyToRunFixupKind.READYTORUN_FIXUP_Helper;
    const fixup: R2RFixup = { cell, kind, kindName: fixupKindName(kind), target, helper, ...(r2rHelper === undefined ? {} : { r2rHelper }), ...(method ? { method } : {}) };
    return this.record(fixup, { kind: 'Helper', target, helper });
  }

  typeHandle(t: TypeDesc): CodeAddress {
    const rt = this.rt;
    const name = rt.names.className(t);
    const cls = rt.classHandle(t);
    const cell = rt.importCell('typeHandle', t.key, rt.typeIndex(t), `import cell: type handle of ${name}`);
    const kind = ReadyToRunFixupKind.READYTORUN_FIXUP_TypeHandle;
    return this.record({ cell, kind, kindName: fixupKindName(kind), target: name, cls }, { kind: 'TypeHandle', target: name });
  }

  methodHandle(md: MethodDesc): CodeAddress {
    const rt = this.rt;
    const name = rt.names.methodName(md);
    const method = rt.methodHandle(md);
    const cell = rt.importCell('other', `methodhandle:${md.key}`, undefined, `import cell: method handle of ${name}`);
    const kind = ReadyToRunFixupKind.READYTORUN_FIXUP_MethodHandle;
    return this.record({ cell, kind, kindName: fixupKindName(kind), target: name, method }, { kind: 'MethodHandle', target: name, method });
  }

  fieldHandle(fd: FieldDesc): CodeAddress {
    const rt = this.rt;
    const name = `${rt.names.className(fd.owner)}::${fd.name}`;
    const field = rt.fieldHandle(fd);
    const cell = rt.importCell('other', `fieldhandle:${fd.key}`, undefined, `import cell: field handle of ${name}`);
    const kind = ReadyToRunFixupKind.READYTORUN_FIXUP_FieldHandle;
    return this.record({ cell, kind, kindName: fixupKindName(kind), target: name, field }, { kind: 'FieldHandle', target: name });
  }

  stringLiteral(module: ModuleDesc, token: number, text: string): CodeAddress {
    const cell = this.rt.stringLiteralCell(module, token);
    const kind = ReadyToRunFixupKind.READYTORUN_FIXUP_StringHandle;
    const target = `${module.name}!0x${(token >>> 0).toString(16).padStart(8, '0')} ${JSON.stringify(text)}`;
    return this.record({ cell, kind, kindName: fixupKindName(kind), target }, { kind: 'StringLiteral', target });
  }

  /** The cell that String.Empty reads from: a StringHandle fixup for "", like any string literal. */
  emptyString(): CodeAddress {
    const cell = this.rt.importCell('other', 'string:empty', undefined, 'import cell: the empty string');
    const kind = ReadyToRunFixupKind.READYTORUN_FIXUP_StringHandle;
    return this.record({ cell, kind, kindName: fixupKindName(kind), target: '""' }, { kind: 'StringLiteral', target: '""' });
  }

  staticBase(t: DefType, which: StaticBaseKind): CodeAddress {
    const rt = this.rt;
    const spec = STATIC_BASE_FIXUPS[which];
    const name = rt.names.className(t);
    const cls = rt.classHandle(t);
    const cell = rt.importCell(spec.family, t.key, rt.typeIndex(t), `import cell: ${spec.text} of ${name}`);
    return this.record({ cell, kind: spec.kind, kindName: fixupKindName(spec.kind), target: name, cls }, { kind: 'StaticBase', target: `${spec.text} of ${name}` });
  }

  /** The dispatch cell of a virtual or interface call that cannot use the vtable. */
  virtualEntry(md: MethodDesc): CodeAddress {
    const rt = this.rt;
    const name = rt.names.methodName(md);
    const method = rt.methodHandle(md);
    const cell = rt.importCell('other', `virtual:${md.key}`, undefined, `import cell: virtual entry of ${name}`);
    const kind = ReadyToRunFixupKind.READYTORUN_FIXUP_VirtualEntry;
    return this.record({ cell, kind, kindName: fixupKindName(kind), target: name, method }, { kind: 'VirtualEntry', target: name, method });
  }

  /** A cell for a generic dictionary entry or a specialised helper (NewObject, ChkCast, DelegateCtor, …). */
  specialised(kind: ReadyToRunFixupKind, dependency: DependencyKind, target: TypeDesc | MethodDesc): CodeAddress {
    const rt = this.rt;
    const isType = !('synthetic' in target);
    const name = isType ? rt.names.className(target as TypeDesc) : rt.names.methodName(target as MethodDesc);
    const kindName = fixupKindName(kind);
    const cell = rt.importCell('other', `${kindName}:${target.key}`, undefined, `import cell: ${kindName} ${name}`);
    const handles = isType ? { cls: rt.classHandle(target as TypeDesc) } : { method: rt.methodHandle(target as MethodDesc) };
    return this.record({ cell, kind, kindName, target: name, ...handles }, { kind: dependency, target: `${kindName} ${name}` });
  }
}
