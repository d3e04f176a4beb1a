// The archive of objects removed by expiry cleanup or quota eviction (when
// `auto_cleanup.archive_before_delete` is on): rows in the store's own `archive` table, their
// values gzip-compressed, written in the same transaction as the delete so that nothing is
// lost between the two. `tradeloom store restore` moves them back through the write policy.
import { gzip, gunzip } from "./compression.ts";
import type { ArchivedObjectInfo, StoredObject } from "./backend.ts";

/** The bytes an archive row keeps: already-compressed values as they are, others gzipped. */
export function toArchiveValue(row: { compressed: boolean; value: Uint8Array }): { value: Uint8Array; gzipped: boolean } {
  return row.compressed ? { value: row.value, gzipped: false } : { value: gzip(row.value), gzipped: true };
}

/** The stored object an archive row gives back. */
export function fromArchiveValue(
  info: ArchivedObjectInfo,
  value: Uint8Array,
  gzipped: boolean,
  expiresAt: number | null,
): StoredObject {
  const { archiveId: _id, archivedAt: _at, reason: _reason, ...rest } = info;
  return { ...rest, expiresAt, value: gzipped ? gunzip(value) : value };
}
