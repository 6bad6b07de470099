import { FileBytes, readAsciiZ } from '../bytes.js';
import { hex } from '../errors.js';

/** One stream of the metadata (#~, #Strings, …) as a file range. */
export interface StreamHeader {
  name: string;
  /** File offset of the stream's first byte. */
  offset: number;
  size: number;
}

/** The metadata root (ECMA-335 II.24.2.1) and its stream directory. */
export interface MetadataRoot {
  offset: number;
  size: number;
  majorVersion: number;
  minorVersion: number;
  /** The runtime version string, e.g. "v4.0.30319". */
  version: string;
  flags: number;
  streams: StreamHeader[];
}

const METADATA_SIGNATURE = 0x424a5342; // "BSJB"
const MAX_STREAM_NAME = 32;

/** Reads the metadata root at file offset `offset` spanning `size` bytes. */
export function readMetadataRoot(file: FileBytes, offset: number, size: number): MetadataRoot {
  file.need(offset, size, 'metadata');
  if (size < 20) file.fail(`metadata at ${hex(offset)} is too small (${size} bytes)`);
  const signature = file.u32(offset);
  if (signature !== METADATA_SIGNATURE) {
    file.fail(`bad metadata signature ${hex(signature)} at ${hex(offset)} (expected BSJB)`);
  }
  const end = offset + size;
  const versionLength = file.u32(offset + 12);
  const versionStart = offset + 16;
  if (versionLength > size - 20) file.fail(`metadata version string length ${versionLength} runs past the metadata`);
  const version = readAsciiZ(file.bytes, versionStart, versionLength);
  let p = versionStart + ((versionLength + 3) & ~3);
  if (p + 4 > end) file.fail('metadata root runs past the metadata');
  const flags = file.u16(p);
  const streamCount = file.u16(p + 2);
  p += 4;

  const streams: StreamHeader[] = [];
  for (let i = 0; i < streamCount; i++) {
    if (p + 8 > end) file.fail(`metadata stream header ${i} runs past the metadata`);
    const streamOffset = file.u32(p);
    const streamSize = file.u32(p + 4);
    p += 8;
    let nameLength = 0;
    while (nameLength <= MAX_STREAM_NAME && p + nameLength < end && file.u8(p + nameLength) !== 0) nameLength++;
    if (nameLength > MAX_STREAM_NAME || p + nameLength >= end) {
      file.fail(`metadata stream header ${i} has an unterminated name`);
    }
    const name = readAsciiZ(file.bytes, p, nameLength);
    p += (nameLength + 4) & ~3;
    if (streamOffset > size || streamSize > size - streamOffset) {
      file.fail(
        `metadata stream ${name} (offset ${hex(streamOffset)}, size ${hex(streamSize)}) runs past the end of the metadata (size ${hex(size)})`,
      );
    }
    streams.push({ name, offset: offset + streamOffset, size: streamSize });
  }
  return {
    offset,
    size,
    majorVersion: file.u16(offset + 4),
    minorVersion: file.u16(offset + 6),
    version,
    flags,
    streams,
  };
}

/** The first stream with this name, if present. */
export function findStream(root: MetadataRoot, name: string): StreamHeader | undefined {
  return root.streams.find((s) => s.name === name);
}
