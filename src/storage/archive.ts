// The archive of objects removed by expiry cleanup or quota eviction (when
// `auto_cleanup.archive_before_delete` is on): rows in the store's own `archive` table, their
// values gzip-compressed, written in the same transaction as the delete so that nothing is
// lost between the two. `tradeloom store restore` moves them back through the write policy.
import { asBuffer, gzip, gunzip } from "./compression.ts";
import { flag, type ArchivedObjectInfo, type StoredObject, type ValueRow } from "./backend.ts";

/** The archive table's columns an archive row is inserted with, in the order of archiveRowValues. */
export const ARCHIVE_INSERT_COLUMNS = "archived_at, reason, gzipped, value";

/** The bytes an archive row keeps: already-compressed values as they are, others gzipped. */
export function toArchiveValue(row: { compressed: boolean; value: Uint8Array }): { value: Uint8Array; gzipped: boolean } {
  return row.compressed ? { value: row.value, gzipped: false } : { value: gzip(row.value), gzipped: true };
}

/**
 * The values that archive an object row: its info columns (INFO_COLUMNS order), then
 * ARCHIVE_INSERT_COLUMNS. `driverFlag` gives a boolean as the driver binds it (SQLite 1/0,
 * PostgreSQL true/false).
 */
export function archiveRowValues(row: ValueRow, reason: string, at: number, driverFlag: (b: boolean) => boolean | number): unknown[] {
  const archived = toArchiveValue({ compressed: flag(row.compressed), value: row.value });
  return [
    row.key,
    row.category,
    row.size_bytes,
    row.original_size,
    row.compressed,
    row.content_type,
    row.created_at,
    row.expires_at,
    row.metadata,
    at,
    reason,
    driverFlag(archived.gzipped),
    asBuffer(archived.value),
  ];
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
