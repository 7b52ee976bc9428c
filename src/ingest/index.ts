/** Background ingestion from the Graph audit log query API into the store (AUDIT_SOURCE=graph). */
export type { GraphIngestion, GraphIngestionConfig, GraphIngestionOptions } from './graph';
export { createGraphIngestion } from './graph';
export type { GraphSchedulerDeps, IngestLogger, IngestScheduleSettings, IngestStore, RunSummary, Timers } from './scheduler';
export { DEFAULT_INGEST_SCHEDULE, GraphIngestScheduler, realTimers } from './scheduler';
export type { IngestStatus, StoredIngestStatus } from './status';
export { ingestionHealth, readIngestStatus } from './status';
export { storeSink } from './sink';
