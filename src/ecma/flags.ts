// Attribute flag values of the metadata tables (ECMA-335 II.23.1), for
// readers that need more than the raw numbers.

export const TypeAttributes = {
  VisibilityMask: 0x7,
  NotPublic: 0x0,
  Public: 0x1,
  NestedPublic: 0x2,
  NestedPrivate: 0x3,
  NestedFamily: 0x4,
  NestedAssembly: 0x5,
  NestedFamANDAssem: 0x6,
  NestedFamORAssem: 0x7,
  LayoutMask: 0x18,
  AutoLayout: 0x0,
  SequentialLayout: 0x8,
  ExplicitLayout: 0x10,
  ClassSemanticsMask: 0x20,
  Interface: 0x20,
  Abstract: 0x80,
  Sealed: 0x100,
  SpecialName: 0x400,
  Import: 0x1000,
  Serializable: 0x2000,
  WindowsRuntime: 0x4000,
  StringFormatMask: 0x30000,
  BeforeFieldInit: 0x100000,
  RTSpecialName: 0x800,
  HasSecurity: 0x40000,
  IsTypeForwarder: 0x200000,
} as const;

export const MethodAttributes = {
  MemberAccessMask: 0x7,
  PrivateScope: 0x0,
  Private: 0x1,
  FamANDAssem: 0x2,
  Assem: 0x3,
  Family: 0x4,
  FamORAssem: 0x5,
  Public: 0x6,
  Static: 0x10,
  Final: 0x20,
  Virtual: 0x40,
  HideBySig: 0x80,
  VtableLayoutMask: 0x100,
  ReuseSlot: 0x0,
  NewSlot: 0x100,
  Strict: 0x200,
  Abstract: 0x400,
  SpecialName: 0x800,
  PInvokeImpl: 0x2000,
  UnmanagedExport: 0x8,
  RTSpecialName: 0x1000,
  HasSecurity: 0x4000,
  RequireSecObject: 0x8000,
} as const;

export const MethodImplAttributes = {
  CodeTypeMask: 0x3,
  IL: 0x0,
  Native: 0x1,
  OPTIL: 0x2,
  Runtime: 0x3,
  ManagedMask: 0x4,
  Unmanaged: 0x4,
  Managed: 0x0,
  NoInlining: 0x8,
  ForwardRef: 0x10,
  Synchronized: 0x20,
  NoOptimization: 0x40,
  PreserveSig: 0x80,
  AggressiveInlining: 0x100,
  AggressiveOptimization: 0x200,
  InternalCall: 0x1000,
  /** Runtime-async method (the JIT transforms it into a state machine). */
  Async: 0x2000,
} as const;

export const FieldAttributes = {
  FieldAccessMask: 0x7,
  Private: 0x1,
  FamANDAssem: 0x2,
  Assembly: 0x3,
  Family: 0x4,
  FamORAssem: 0x5,
  Public: 0x6,
  Static: 0x10,
  InitOnly: 0x20,
  Literal: 0x40,
  NotSerialized: 0x80,
  SpecialName: 0x200,
  PInvokeImpl: 0x2000,
  RTSpecialName: 0x400,
  HasFieldMarshal: 0x1000,
  HasDefault: 0x8000,
  HasFieldRVA: 0x100,
} as const;

export const ParamAttributes = {
  In: 0x1,
  Out: 0x2,
  Optional: 0x10,
  HasDefault: 0x1000,
  HasFieldMarshal: 0x2000,
} as const;

export const GenericParamAttributes = {
  VarianceMask: 0x3,
  Covariant: 0x1,
  Contravariant: 0x2,
  SpecialConstraintMask: 0x1c,
  ReferenceTypeConstraint: 0x4,
  NotNullableValueTypeConstraint: 0x8,
  DefaultConstructorConstraint: 0x10,
} as const;

export const MethodSemanticsAttributes = {
  Setter: 0x1,
  Getter: 0x2,
  Other: 0x4,
  AddOn: 0x8,
  RemoveOn: 0x10,
  Fire: 0x20,
} as const;

export const AssemblyFlags = {
  PublicKey: 0x1,
  Retargetable: 0x100,
  DisableJITcompileOptimizer: 0x4000,
  EnableJITcompileTracking: 0x8000,
} as const;
