/** The Microsoft Graph audit log query source: credentials, the query client, the journal and the window ingester. */
export type { CredentialChoice, CredentialKind, GraphCredentialSettings } from './credentials';
export { CREDENTIAL_KINDS, createGraphCredential, credentialSettingsFromEnv, describeCredential } from './credentials';
export type { FetchLike, GraphOutcome, GraphProblem, GraphProblemCode, GraphRuntime } from './http';
export { BROADER_PERMISSION, GRAPH_SCOPE, REQUIRED_PERMISSION, forbiddenMessage } from './http';
export type { JournalEntry, KeyValueState } from './journal';
export { QueryJournal } from './journal';
export type { EventSink, GraphAuditSettings, GraphIngesterDeps, GraphQueryKind, IngestBatch, RecordReading, IngestOptions, RejectedRecord, WindowFailure, WindowReport } from './ingester';
export { DEFAULT_GRAPH_AUDIT_SETTINGS, DEFAULT_GRAPH_BASE_URL, GraphAuditIngester, SENDAS_QUERY, createGraphAuditIngester, createGraphQueryIngester } from './ingester';
export type { PollStep, RetryPolicy } from './retry';
export { DEFAULT_POLL_LADDER, DEFAULT_RETRY_POLICY } from './retry';
export type { QueryFilters, QueryWindow } from './wire';
export { SENDAS_QUERY_FILTERS } from './wire';
