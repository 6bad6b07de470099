import { columnIndex as ci } from './tables/schema.js';

// Column positions of the columns read on hot paths, from the schema.
export const TypeRefC = { Scope: ci('TypeRef', 'ResolutionScope'), Name: ci('TypeRef', 'TypeName'), Ns: ci('TypeRef', 'TypeNamespace') };
export const TypeDefC = {
  Flags: ci('TypeDef', 'Flags'),
  Name: ci('TypeDef', 'TypeName'),
  Ns: ci('TypeDef', 'TypeNamespace'),
  Extends: ci('TypeDef', 'Extends'),
  FieldList: ci('TypeDef', 'FieldList'),
  MethodList: ci('TypeDef', 'MethodList'),
};
export const FieldC = { Flags: ci('Field', 'Flags'), Name: ci('Field', 'Name'), Sig: ci('Field', 'Signature') };
export const MethodC = {
  RVA: ci('MethodDef', 'RVA'),
  ImplFlags: ci('MethodDef', 'ImplFlags'),
  Flags: ci('MethodDef', 'Flags'),
  Name: ci('MethodDef', 'Name'),
  Sig: ci('MethodDef', 'Signature'),
  ParamList: ci('MethodDef', 'ParamList'),
};
export const MemberRefC = { Parent: ci('MemberRef', 'Class'), Name: ci('MemberRef', 'Name'), Sig: ci('MemberRef', 'Signature') };
export const CaC = { Parent: ci('CustomAttribute', 'Parent'), Type: ci('CustomAttribute', 'Type'), Value: ci('CustomAttribute', 'Value') };
