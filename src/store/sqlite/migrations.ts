/**
 * Numbered, immutable schema migrations for the SQLite store. Add new ones at the end; never edit one
 * that has shipped (a test checks the numbering has no gaps).
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'events with their classification, known addresses, totals, state, coverage',
    sql: `
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        time_ms INTEGER NOT NULL,
        operation TEXT NOT NULL,
        actor TEXT NOT NULL,
        mailbox TEXT,
        sent_as TEXT,
        client TEXT,
        app_id TEXT,
        client_ip TEXT,
        logon_type INTEGER,
        user_type INTEGER,
        external_access INTEGER,
        subject TEXT,
        internet_message_id TEXT,
        category TEXT NOT NULL,
        confidence TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        reasons TEXT NOT NULL,
        classifier_version INTEGER NOT NULL,
        raw TEXT NOT NULL
      );
      CREATE INDEX events_sent_as_time ON events (sent_as, time_ms);
      CREATE INDEX events_actor_time ON events (actor, time_ms);
      CREATE INDEX events_time ON events (time_ms);
      CREATE TABLE addresses (address TEXT PRIMARY KEY, events INTEGER NOT NULL);
      CREATE TABLE category_totals (category TEXT PRIMARY KEY, events INTEGER NOT NULL);
      CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_ms INTEGER NOT NULL);
      CREATE TABLE coverage (source TEXT NOT NULL, from_ms INTEGER NOT NULL, to_ms INTEGER NOT NULL);
      CREATE INDEX coverage_from ON coverage (from_ms);
    `,
  },
];
