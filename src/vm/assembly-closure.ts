/**
 * Loading the input assemblies and everything they reference, finding the
 * corlib, and numbering the definitions of the whole closure.
 *
 * The closure is loaded eagerly (headers only; metadata is decoded lazily)
 * so every module's position is known up front: modules sorted by simple
 * name get consecutive ranges of global TypeDef / MethodDef / Field / #US /
 * image-page indexes. Those indexes place definitions in the structured
 * parts of the code region, so their addresses never depend on query order.
 */

import { type Assembly, AssemblyResolver, TableId, tokenRid } from '../ecma/index.js';
import { EEError } from '../jitee/index.js';
import type { ModuleDesc, ModuleSpans } from './definitions.js';
import { IMAGE_SLOT } from './address-map.js';
import type { TypeSystem } from './type-system.js';

export interface MissingReference {
  /** Simple name of the assembly that could not be found. */
  readonly name: string;
  /** The assembly that references it. */
  readonly referencedBy: string;
  readonly message: string;
}

export interface LoadedClosure {
  readonly inputs: readonly ModuleDesc[];
  readonly modules: readonly ModuleDesc[];
  readonly corlib: ModuleDesc;
  readonly missing: readonly MissingReference[];
}

export interface LoadOptions {
  /** Paths of the assemblies to compile. */
  readonly assemblies: readonly string[];
  /** Directories searched for referenced assemblies (`--ref DIR`), before each assembly's own directory. */
  readonly referenceDirectories?: readonly string[];
}

export function createResolver(options: LoadOptions): AssemblyResolver {
  return new AssemblyResolver({ searchDirectories: [...(options.referenceDirectories ?? [])] });
}

export function loadClosure(ts: TypeSystem, options: LoadOptions): LoadedClosure {
  const resolver = ts.resolver;
  const inputAssemblies = [...new Set(options.assemblies.map((p) => resolver.load(p)))];
  const missing: MissingReference[] = [];
  const seen = new Set<Assembly>();
  const queue = [...inputAssemblies];
  while (queue.length) {
    const asm = queue.shift()!;
    if (seen.has(asm)) continue;
    seen.add(asm);
    for (let rid = 1; rid <= asm.rowCount(TableId.AssemblyRef); rid++) {
      try {
        queue.push(resolver.resolveAssemblyRef(asm, rid));
      } catch (err) {
        const name = asm.assemblyRef(rid).name;
        missing.push({ name, referencedBy: asm.name, message: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  const byName = new Map<string, Assembly>();
  for (const asm of seen) if (!byName.has(asm.name.toLowerCase())) byName.set(asm.name.toLowerCase(), asm);
  const sorted = [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, asm]) => ts.module(asm));
  assignSpans(sorted);

  const corlib = sorted.find((m) => definesSystemObject(m.assembly));
  if (!corlib) {
    const names = sorted.map((m) => m.name).join(', ');
    const hint = missing.length ? `; missing references: ${[...new Set(missing.map((m) => m.name))].join(', ')}` : '';
    throw new EEError('MissingAssembly', `no loaded assembly defines System.Object (loaded: ${names}${hint}); add the corlib's directory with --ref`);
  }
  ts.setCorlib(corlib);
  return { inputs: inputAssemblies.map((a) => ts.module(a)), modules: sorted, corlib, missing };
}

function definesSystemObject(asm: Assembly): boolean {
  const rid = asm.findTypeDef('System', 'Object');
  return rid !== 0 && tokenRid(asm.typeDef(rid).extends) === 0;
}

function imageSize(asm: Assembly): number {
  let end = 0;
  for (const s of asm.pe.sections) end = Math.max(end, s.virtualAddress + Math.max(s.virtualSize, s.sizeOfRawData));
  return end;
}

function assignSpans(modules: readonly ModuleDesc[]): void {
  let typeBase = 0;
  let methodBase = 0;
  let fieldBase = 0;
  let userStringBase = 0;
  let imageSlotBase = 0;
  for (const m of modules) {
    const asm = m.assembly;
    const spans: ModuleSpans = { typeBase, methodBase, fieldBase, userStringBase, imageSlotBase };
    m.spans = spans;
    typeBase += asm.rowCount(TableId.TypeDef);
    methodBase += asm.rowCount(TableId.MethodDef);
    fieldBase += asm.rowCount(TableId.Field);
    userStringBase += asm.userStrings.size;
    imageSlotBase += Math.max(1, Math.ceil(imageSize(asm) / IMAGE_SLOT));
  }
}

/** Pages of the code region's image area a module's image takes. */
export function imageSlots(module: ModuleDesc): number {
  return Math.max(1, Math.ceil(imageSize(module.assembly) / IMAGE_SLOT));
}
