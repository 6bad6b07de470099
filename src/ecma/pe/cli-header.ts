import { hex } from '../errors.js';
import { CLI_HEADER_DIRECTORY, type DataDirectory, PeImage } from './pe-image.js';

/** The CLI header (ECMA-335 II.25.3.3) that makes a PE file an assembly. */
export interface CliHeader {
  /** File offset of the header. */
  offset: number;
  cb: number;
  majorRuntimeVersion: number;
  minorRuntimeVersion: number;
  metadata: DataDirectory;
  flags: number;
  /** A MethodDef or File token, or 0. */
  entryPointToken: number;
  resources: DataDirectory;
  strongNameSignature: DataDirectory;
  vtableFixups: DataDirectory;
  managedNativeHeader: DataDirectory;
}

/** CLI header flags (COMIMAGE_FLAGS_*). */
export const CliHeaderFlags = {
  ILOnly: 0x1,
  Requires32Bit: 0x2,
  StrongNameSigned: 0x8,
  NativeEntryPoint: 0x10,
  TrackDebugData: 0x10000,
  Prefers32Bit: 0x20000,
} as const;

const CLI_HEADER_MIN_SIZE = 72;

export function readCliHeader(pe: PeImage): CliHeader {
  const dir = pe.dataDirectory(CLI_HEADER_DIRECTORY);
  if (dir.rva === 0) pe.file.fail('not a .NET assembly (no CLI header)');
  const off = pe.rvaToOffset(dir.rva, CLI_HEADER_MIN_SIZE, 'CLI header');
  const f = pe.file;
  const cb = f.u32(off);
  if (cb < CLI_HEADER_MIN_SIZE) f.fail(`CLI header at ${hex(off)} declares size ${cb}, expected at least 72`);
  const directory = (at: number): DataDirectory => ({ rva: f.u32(off + at), size: f.u32(off + at + 4) });
  return {
    offset: off,
    cb,
    majorRuntimeVersion: f.u16(off + 4),
    minorRuntimeVersion: f.u16(off + 6),
    metadata: directory(8),
    flags: f.u32(off + 16),
    entryPointToken: f.u32(off + 20),
    resources: directory(24),
    strongNameSignature: directory(32),
    vtableFixups: directory(48),
    managedNativeHeader: directory(64),
  };
}
