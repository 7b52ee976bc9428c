/** Ingestion: any source (Graph, export files, the demo tenant, live feeds) through one stage into the store, and the Graph scheduler. */
export type { GraphIngestion, GraphIngestionConfig, GraphIngestionOptions } from './graph';
export { createGraphIngestion } from './graph';
export type { GraphSchedulerDeps, IngestLogger, IngestScheduleSettings, IngestStore, RunSummary, Timers } from './scheduler';
export { DEFAULT_INGEST_SCHEDULE, GraphIngestScheduler, realTimers } from './scheduler';
export type { IngestStatus, StoredIngestStatus } from './status';
export { ingestionHealth, readIngestStatus } from './status';
export { storeSink } from './sink';
export type { AuditSource, ContextProvider, IngestTally, SourceChunk, StageStore } from './stage';
export { IngestStage, INGEST_BATCH } from './stage';
export type { SettleSchedule } from './settle';
export { DEFAULT_SETTLE_SCHEDULE, coverageMarks, planResweeps } from './settle';
