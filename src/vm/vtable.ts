/**
 * Virtual method tables and virtual/interface resolution.
 *
 * A vtable is computed once per type definition (its layout is the same for
 * every instantiation):
 * - a class starts with its base class's slots (System.Object's first);
 * - each virtual method overrides the most recently introduced base slot
 *   with the same name and signature, unless it is `newslot` (then, or
 *   when nothing matches, it gets a new slot at the end);
 * - MethodImpl rows (`.override`) naming a class method replace that slot's
 *   implementation;
 * - an interface's slots are its virtual instance methods in declaration
 *   order.
 * Signatures are compared after instantiating both in the derived type's
 * typical instantiation, with method type parameters positional.
 *
 * Interface dispatch (for constrained calls and devirtualisation) looks for
 * an explicit MethodImpl in the type and its bases, then a virtual method
 * with the same name and signature (most derived first), then a default
 * implementation in the interface.
 */

import { TableId, tokenRid, tokenTable } from '../ecma/index.js';
import { EEError } from '../jitee/index.js';
import type { MethodDefinition, ModuleDesc, TypeDefinition } from './definitions.js';
import { eeGuard } from './errors.js';
import type { MethodDesc } from './member-desc.js';
import { methodFromToken } from './member-resolution.js';
import type { DefType, TypeDesc } from './type-desc.js';
import type { TypeSystem } from './type-system.js';

export interface VTableSlot {
  /** The method that introduced the slot. */
  readonly decl: MethodDefinition;
  /** The method the slot calls for this type. */
  readonly impl: MethodDefinition;
}

export interface VTableLayout {
  readonly slots: readonly VTableSlot[];
  /** The slot of each virtual method declared by this type. */
  readonly slotOfDef: ReadonlyMap<MethodDefinition, number>;
}

interface ExplicitImpl {
  readonly decl: MethodDesc;
  readonly body: MethodDefinition;
}

export class VirtualMethods {
  private readonly layouts = new Map<TypeDefinition, VTableLayout>();
  private readonly explicitImplCache = new Map<DefType, readonly ExplicitImpl[]>();
  private readonly interfaceResolutions = new Map<string, MethodDesc | null>();

  constructor(private readonly ts: TypeSystem) {}

  vtable(def: TypeDefinition): VTableLayout {
    let layout = this.layouts.get(def);
    if (!layout) {
      layout = eeGuard(`building the vtable of ${def.fullName} in ${def.module.name}`, () => this.build(def));
      this.layouts.set(def, layout);
    }
    return layout;
  }

  /** The vtable slot of a virtual method (for interface methods: its index in the interface). */
  slotOf(def: MethodDefinition): number {
    const slot = this.vtable(def.owner).slotOfDef.get(def);
    if (slot === undefined) throw new EEError('NotSupported', `${def.owner.fullName}::${def.name} is not virtual and has no vtable slot`);
    return slot;
  }

  /** The method a virtual call of `method` reaches on an object of exact type `exact`, if known. */
  resolve(exact: TypeDesc, method: MethodDesc): MethodDesc | undefined {
    if (!method.def || !method.def.isVirtual || exact.kind !== 'def') return undefined;
    if (this.ts.category(method.def.owner) === 'interface') return this.resolveInterfaceMethod(exact, method);
    return this.resolveClassMethod(exact, method);
  }

  private resolveClassMethod(exact: DefType, method: MethodDesc): MethodDesc | undefined {
    const def = method.def!;
    if (!this.ts.ancestorWithDef(exact, def.owner)) return undefined;
    const slot = this.slotOf(def);
    const impl = this.vtable(exact.def).slots[slot]?.impl;
    if (!impl) return undefined;
    const owner = this.ts.ancestorWithDef(exact, impl.owner);
    if (!owner) return undefined;
    return this.ts.methodDesc(owner, impl, impl.genericParamCount === method.instantiation.length ? method.instantiation : []);
  }

  private resolveInterfaceMethod(exact: DefType, method: MethodDesc): MethodDesc | undefined {
    const key = `${exact.key}|${method.key}`;
    const cached = this.interfaceResolutions.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const found = eeGuard(`resolving ${method.def!.name} of ${method.owner.key} on ${exact.key}`, () => this.findInterfaceImpl(exact, method));
    this.interfaceResolutions.set(key, found ?? null);
    return found;
  }

  private findInterfaceImpl(exact: DefType, method: MethodDesc): MethodDesc | undefined {
    const ts = this.ts;
    const imDef = method.def!;
    const chain: DefType[] = [];
    for (let cur: DefType | undefined = exact; cur; cur = ts.baseType(cur)) chain.push(cur);
    for (const ancestor of chain) {
      for (const e of this.explicitImpls(ancestor)) {
        if (e.decl.def === imDef && e.decl.owner === method.owner) return ts.methodDesc(ancestor, e.body, method.instantiation);
      }
    }
    const wanted = this.overrideKey(imDef, method.owner as DefType);
    for (const ancestor of chain) {
      for (const m of ancestor.def.methods) {
        if (!m.isVirtual || m.isStatic || m.name !== imDef.name || m.genericParamCount !== imDef.genericParamCount) continue;
        if (this.overrideKey(m, ancestor) !== wanted) continue;
        const found = ts.methodDesc(ancestor, m, method.instantiation);
        return this.resolveClassMethod(exact, found) ?? found;
      }
    }
    if (!imDef.isAbstract) return method;
    return undefined;
  }

  /** MethodImpl rows of a type, with declarations resolved in its instantiation. */
  private explicitImpls(t: DefType): readonly ExplicitImpl[] {
    let list = this.explicitImplCache.get(t);
    if (!list) {
      const asm = t.def.module.assembly;
      const ctx = { typeArgs: t.instantiation, methodArgs: [], owner: t };
      list = asm.methodImpls(t.def.rid).map((rid) => {
        const row = asm.methodImpl(rid);
        return { decl: methodFromToken(this.ts, t.def.module, row.declaration, ctx), body: this.bodyDefinition(t.def.module, row.body, t) };
      });
      this.explicitImplCache.set(t, list);
    }
    return list;
  }

  private bodyDefinition(module: ModuleDesc, token: number, owner: DefType): MethodDefinition {
    if (tokenTable(token) === TableId.MethodDef) return module.methodDefinition(tokenRid(token));
    const m = methodFromToken(this.ts, module, token, { typeArgs: owner.instantiation, methodArgs: [], owner });
    if (!m.def) throw new EEError('TypeLoad', `a MethodImpl body of ${owner.def.fullName} is not a method definition`);
    return m.def;
  }

  /** Name-independent signature identity used to match overrides. */
  private overrideKey(def: MethodDefinition, owner: DefType): string {
    const ts = this.ts;
    const raw = def.signature;
    const methodArgs: TypeDesc[] = [];
    for (let i = 0; i < raw.genericParamCount; i++) methodArgs.push(ts.genericParam('method', i, ''));
    const ctx = { typeArgs: owner.instantiation, methodArgs, owner };
    const ret = ts.typeFromSig(def.module, raw.returnType, ctx).key;
    const params = raw.params.map((p) => ts.typeFromSig(def.module, p, ctx).key);
    return `${raw.genericParamCount}|${ret}(${params.join(',')})`;
  }

  private build(def: TypeDefinition): VTableLayout {
    const ts = this.ts;
    const slotOfDef = new Map<MethodDefinition, number>();
    if (ts.category(def) === 'interface') {
      const slots: VTableSlot[] = [];
      for (const m of def.methods) {
        if (!m.isVirtual || m.isStatic) continue;
        slotOfDef.set(m, slots.length);
        slots.push({ decl: m, impl: m });
      }
      return { slots, slotOfDef };
    }

    const typical = ts.typical(def);
    const base = ts.baseType(typical);
    const slots: VTableSlot[] = base ? [...this.vtable(base.def).slots] : [];
    const chain: DefType[] = [];
    for (let cur: DefType | undefined = typical; cur; cur = ts.baseType(cur)) chain.push(cur);
    const ownerInChain = (d: TypeDefinition): DefType => chain.find((c) => c.def === d) ?? ts.typical(d);

    const byName = new Map<string, number[]>();
    slots.forEach((s, i) => {
      const list = byName.get(s.decl.name);
      if (list) list.push(i);
      else byName.set(s.decl.name, [i]);
    });
    const slotKeys = new Map<number, string>();
    const slotKey = (i: number): string => {
      let k = slotKeys.get(i);
      if (k === undefined) {
        const decl = slots[i]!.decl;
        k = this.overrideKey(decl, ownerInChain(decl.owner));
        slotKeys.set(i, k);
      }
      return k;
    };

    for (const m of def.methods) {
      if (!m.isVirtual || m.isStatic) continue;
      let slot = -1;
      if (!m.isNewSlot) {
        const candidates = byName.get(m.name) ?? [];
        const key = this.overrideKey(m, typical);
        for (let c = candidates.length - 1; c >= 0; c--) {
          if (slotKey(candidates[c]!) === key) {
            slot = candidates[c]!;
            break;
          }
        }
      }
      if (slot < 0) {
        slot = slots.length;
        slots.push({ decl: m, impl: m });
      } else {
        slots[slot] = { decl: slots[slot]!.decl, impl: m };
      }
      slotOfDef.set(m, slot);
    }

    for (const e of this.explicitImpls(typical)) {
      const declDef = e.decl.def;
      if (!declDef || ts.category(declDef.owner) === 'interface') continue;
      const declSlot = declDef.owner === def ? slotOfDef.get(declDef) : this.vtable(declDef.owner).slotOfDef.get(declDef);
      if (declSlot === undefined) continue;
      slots[declSlot] = { decl: slots[declSlot]!.decl, impl: e.body };
      if (e.body.owner === def && !slotOfDef.has(e.body)) slotOfDef.set(e.body, declSlot);
    }
    return { slots, slotOfDef };
  }
}
