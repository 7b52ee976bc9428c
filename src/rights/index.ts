/**
 * Rights: who can send as whom, since when, who granted it, and whether it is used (issue 19).
 *
 * Domain core (same lint as src/audit, src/detect: no fs, env, clock, bot or driver).
 *
 * ## Wired
 * - Store: RightsStore and DelegateUses are part of the AuditStore port (src/store/store.ts); both backends
 *   implement them (sqlite/rights.ts, postgres/rights.ts; SQLite migration 5, PostgreSQL migration 4), held
 *   to test/store/contract-rights.ts.
 * - load.ts: `loadRightsFile` (inventory export or admin records) behind `cli ingest-rights` and RIGHTS_EXPORTS;
 *   the demo tenant loads its rights through it (src/sources/demo.ts).
 * - answer.ts: `answerRightsQuestion` + `rightsView` behind `parseRightsQuestion` (src/query/parse/rights.ts),
 *   in `cli ask` and the bot (card: src/cards/builders/rights.ts). freshness.ts: where the rights history is not
 *   final yet (its windows take the level of the Graph coverage they were read with), the answers' "not yet complete".
 * - Graph: src/ingest/graph-records.ts reads admin records from each window's one query (below).
 *
 * - Anomalies: ANOMALY_KINDS ends with RIGHTS_ANOMALY_KINDS; findAnomalies (src/detect/find.ts) gathers
 *   `gatherRightsDetectionInput` through the store and runs `findRightsAnomalies` beside the other detectors,
 *   so answers and proactive cards carry them. `sendEventsCited` keeps their admin-record ids off the
 *   explain / evidence buttons (only the cited sends are explained).
 *
 * - Review: "access review" (answer.ts `access-review`, card src/cards/builders/review.ts) with Keep / Remove
 *   (verbs `review-keep` / `review-remove`, stored by `decideAccessReview` only for a right held now);
 *   monthly through the outbox as the notice `access-review:YYYY-MM` (src/notify/review.ts).
 *
 * ## Pieces
 * - record.ts: `normalizeRightsRecord(record, bounds, directory?)` turns one Exchange admin audit record
 *   (raw AuditData, Graph auditLogRecord, Purview CSV row) into a `RightsChange` (Send As / Full Access /
 *   Send on Behalf; added, removed, whole-list replacement, unnamed removal; who, when, client; failed
 *   cmdlets kept with `succeeded: false`), a skip or a rejection naming the field.
 * - read.ts: `readRightsRecords(stream, { readAt })` for admin-record files (`cli ingest` of an export).
 *   A huge mixed export (SendAs and admin records together) should instead be read once by
 *   readAuditRecords with a hook that hands its skipped records to normalizeRightsRecord: today
 *   readAuditRecords drops them; the hook is a small change in src/audit/read.ts left to the ingestion owner.
 * - inventory.ts: `readInventory(stream, directory?)` for the three PowerShell exports (`cli ingest-rights FILE`):
 *   holdings, skipped-row counts by reason (SELF, inherited, Deny, other rights, unreadable columns) and
 *   advice with the command that exports a column right (`EXPORT_COMMANDS`). Load the mailbox export
 *   first: `buildDirectory(result.mailboxes)` maps aliases, display names and DNs to addresses, and
 *   every later read and normalisation should get it (`identityOf(text, directory)` re-keys what was
 *   stored before the directory was known).
 * - model.ts: `buildIntervals(snapshot, changes)`: per (mailbox, trustee, right) the intervals held,
 *   granted by whom, `from: null` = held before the retained history.
 * - questions.ts: `whoCanSendAs`, `grantHistory`, `dormantRights`, `rightBehindSend`,
 *   `sendsWithoutKnownRight` (give it sends classified `delegate`). Full Access alone sends nothing.
 * - detectors/: five RightsDetectors with `*.cases.ts`; `findRightsAnomalies(input, settings)`.
 * - review.ts: `accessReview(dormant, decisions, { now, keepDays })`, `checkReviewDecision` and `removeCommand` (PowerShell-quoted).
 * - messages.ts: en / ja words for all of the above.
 * - src/audit/demo/rights.ts: `generateDemoRights(tenant, { end, days, seed })` with ground truth.
 *
 * ## Store ports (after the split: events and rights share a transaction; small state; conversations,
 * anomalies and the outbox)
 * ports.ts declares them: `RightsStore` (changes by id, the current snapshot per export kind, the
 * directory, the history start, review decisions) and `DelegateUses` (delegate sends from the events
 * table), with `gatherRightsDetectionInput` over them. test/rights/memory-rights-store.ts is a
 * reference implementation the split's contract tests can hold each backend to.
 * Tables: `rights_changes` (id PK, time, cmdlet, right, mailbox_text, mailbox_key, added JSON, removed
 * JSON, replaces, removed_unnamed, granted_by, client_ip, app_id, client_app_id, succeeded; indexes on
 * (mailbox_key, time) and granted_by), `rights_snapshot` (source, taken_at, mailbox_key, mailbox_text,
 * trustee_key, trustee_text, right), `rights_directory` (name PK, key), `review_decisions` (mailbox_key,
 * trustee_key, right, decision, by, at). Intervals are computed, not stored: a mailbox has few changes,
 * so `buildIntervals` over `listRightsChanges({ mailboxKey })` is cheap; tenant-wide questions (dormant
 * rights) read all changes, which are thousands, not millions.
 * Uses come from the events table: `RightsUse` is (id, time, operation, actor, mailbox, sentAs) of events
 * classified `delegate`; dormant rights need, per (trustee, sentAs / mailbox), the last use time, which a
 * grouped query gives without loading events.
 *
 * ## Ingestion
 * Graph (wired: src/ingest/graph-records.ts): `RIGHTS_GRAPH_FILTERS` (recordTypeFilters exchangeAdmin,
 * operationFilters the five cmdlets) joined to the SendAs filters in each window's one query (Graph ORs a
 * filter's values and ANDs the filters, so it returns both kinds), GRAPH_ADMIN_RECORDS on by default. The
 * records are split by record type; completed parts are marked rights-covered as source `graph`, so
 * `rightsHistoryStart` is the start of the covered admin window, and a rights window is as final as the
 * Graph coverage of the same window (freshness.ts). Set-Mailbox records without GrantSendOnBehalfTo are
 * skipped, counted as such; unreadable admin records are counted apart from the SendAs ones.
 *
 * ## Anomalies
 * `RightsAnomaly` is the `Anomaly` shape with `kind: RightsAnomalyKind`. To wire it, append
 * RIGHTS_ANOMALY_KINDS to ANOMALY_KINDS (src/detect/anomaly.ts); then these must be extended, or
 * they stop compiling: `CardStrings.anomalies.kind` and `.words` (src/i18n/cards/types.ts, en.ts,
 * ja.ts: take the words from messages.ts), and any switch on `AnomalyKind` (mute/unmute notices in
 * src/cards/builders/notice.ts take any kind). The anomaly key layout is the one of `anomalyKey`.
 * `RightsDetectionInput` is gathered from `listRightsChanges` (all up to now, for "new to the mailbox"
 * and "has granted before") and the delegate uses from the window start less `cleanupWithinHours`.
 */
export * from './anomaly';
export * from './answer';
export * from './detectors';
export * from './identity';
export * from './inventory';
export * from '../i18n/rights/messages';
export * from './load';
export * from './model';
export * from './ports';
export * from './questions';
export * from './read';
export * from './record';
export * from './review';
