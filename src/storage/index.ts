// The object store's public API.
export * from "./errors.ts";
export * from "./categories.ts";
export * from "./keys.ts";
export * from "./strict-json.ts";
export * from "./config.ts";
export type * from "./backend.ts";
export { SqliteBackend, SQLITE_FILE_NAME, type SqliteBackendOptions } from "./sqlite-backend.ts";
export { PostgresBackend, DEFAULT_POSTGRES_SCHEMA, type PostgresBackendOptions } from "./postgres-backend.ts";
export { SyncPostgresBackend, type SyncPostgresBackendOptions } from "./postgres-sync-backend.ts";
export { ObjectStore, type ObjectStoreOptions, type StoragePermissions, type ObjectWrite } from "./object-store.ts";
export { SyncObjectStore, SyncObjectStoreManager, type SyncObjectStoreOptions } from "./sync-object-store.ts";
export {
  ObjectStoreManager,
  type ManagerSaveOptions,
  type ManagerSaveResult,
  type ObjectMetadata,
  type ArchivedObject,
  type ManagerUsage,
} from "./manager.ts";
export * from "./open.ts";
export {
  formatStorageLine,
  formatFilesLine,
  formatUsageReport,
  formatListing,
  toListingRow,
  formatStatisticsReport,
  formatGrowthRate,
  formatDaysUntilFull,
  formatMonthlyCost,
  formatCategoryLine,
  REPORT_RULE,
  type ListingRow,
} from "./report.ts";
export * from "./monitor.ts";
export {
  USAGE_SAMPLE_PREFIX,
  StorageMonitorError,
  UsageHistory,
  usageSampleKey,
  parseUsageSample,
  sampleMetadata,
  estimateGrowth,
  projectDaysUntilFull,
  type UsageSample,
  type UsageSampleMetadata,
  type GrowthEstimate,
} from "./monitor-samples.ts";
export * from "./monitor-statistics.ts";
export * from "./monitor-cost.ts";
export { exportStore, importStore, EXPORT_FORMAT } from "./export.ts";
export * from "./management.ts";
