/**
 * Turning a stored answer into the value a JIT receives. The recorder and
 * the replay EE both go through here, so the recorder hands the JIT exactly
 * what replay will hand it later.
 */

import type { InterfaceVersionId } from '../jitee/version-id.js';
import type { RecordedEntry } from './entry.js';
import type { Encoded } from './schema.js';

export type ServedAnswer =
  | { readonly ok: true; readonly value: unknown }
  /** The record lacks fields the version's layout needs (a versioned entry recorded through another version only). */
  | { readonly ok: false; readonly absentFields: readonly string[] };

export function serveAnswer(entry: RecordedEntry, encoded: Encoded, version: InterfaceVersionId): ServedAnswer {
  const decoded: unknown = entry.value.decode(encoded);
  const layout = entry.layout;
  if (layout === undefined) return { ok: true, value: decoded };
  const record = decoded as Readonly<Record<string, unknown>>;
  const absentFields = layout.fieldsFor(version).filter((f) => record[f] === undefined);
  if (absentFields.length > 0) return { ok: false, absentFields };
  return { ok: true, value: layout.project(record, version) };
}
