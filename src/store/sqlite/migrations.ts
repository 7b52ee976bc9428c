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
  {
    version: 2,
    description: 'conversations and subscriptions, mutes, recorded anomalies and the delivery outbox',
    sql: `
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        tenant_id TEXT,
        service_url TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        conversation_type TEXT,
        reference TEXT NOT NULL,
        subscribed INTEGER NOT NULL DEFAULT 0,
        subscribed_ms INTEGER,
        locale TEXT,
        time_zone TEXT,
        seen_ms INTEGER NOT NULL
      );
      CREATE TABLE mutes (
        conversation_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        mailbox TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, kind, mailbox)
      );
      CREATE TABLE anomalies (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        mailbox TEXT,
        body TEXT NOT NULL,
        first_seen_ms INTEGER NOT NULL,
        last_seen_ms INTEGER NOT NULL,
        announced_ms INTEGER
      );
      CREATE INDEX anomalies_announced_at ON anomalies (announced_ms, at_ms);
      CREATE TABLE deliveries (
        anomaly_key TEXT NOT NULL REFERENCES anomalies (key),
        conversation_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'unknown', 'dead', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        created_ms INTEGER NOT NULL,
        next_attempt_ms INTEGER NOT NULL,
        lease_token TEXT,
        lease_until_ms INTEGER,
        sent_ms INTEGER,
        activity_id TEXT,
        last_error TEXT,
        PRIMARY KEY (anomaly_key, conversation_id)
      );
      CREATE INDEX deliveries_conversation_state ON deliveries (conversation_id, state);
      CREATE INDEX deliveries_state ON deliveries (state, next_attempt_ms);
      CREATE INDEX deliveries_lease ON deliveries (lease_token);
    `,
  },
  {
    version: 3,
    description: 'events indexed by address number instead of address text: a third of the index pages to write per ingest',
    sql: `
      CREATE TABLE addresses_numbered (id INTEGER PRIMARY KEY, address TEXT NOT NULL UNIQUE, events INTEGER NOT NULL DEFAULT 0);
      INSERT INTO addresses_numbered (address, events) SELECT address, events FROM addresses ORDER BY address;
      DROP TABLE addresses;
      ALTER TABLE addresses_numbered RENAME TO addresses;
      ALTER TABLE events ADD COLUMN actor_id INTEGER;
      ALTER TABLE events ADD COLUMN sent_as_id INTEGER;
      UPDATE events SET
        actor_id = (SELECT id FROM addresses WHERE address = events.actor),
        sent_as_id = (SELECT id FROM addresses WHERE address = events.sent_as);
      DROP INDEX events_sent_as_time;
      DROP INDEX events_actor_time;
      CREATE INDEX events_sent_as_id_time ON events (sent_as_id, time_ms);
      CREATE INDEX events_actor_id_time ON events (actor_id, time_ms);
    `,
  },
  {
    version: 4,
    description: 'coverage levels: provisional (queried, late records may still arrive) or settled, with the last check',
    // Rows ending more than 74 h (the last re-sweep) ago are settled; newer ones are provisional as if
    // checked at their end, so the Graph scheduler re-sweeps them.
    sql: `
      ALTER TABLE coverage ADD COLUMN settled INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE coverage ADD COLUMN checked_ms INTEGER NOT NULL DEFAULT 0;
      UPDATE coverage SET checked_ms = to_ms, settled = CASE WHEN to_ms <= CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 74 * 3600000 THEN 1 ELSE 0 END;
    `,
  },
  {
    version: 5,
    description: 'rights: admin-record changes, inventory snapshots per export kind, the directory, covered admin windows, review decisions',
    sql: `
      CREATE TABLE rights_changes (id TEXT PRIMARY KEY, time_ms INTEGER NOT NULL, mailbox_key TEXT NOT NULL, granted_by TEXT NOT NULL, body TEXT NOT NULL);
      CREATE INDEX rights_changes_time ON rights_changes (time_ms);
      CREATE INDEX rights_changes_mailbox_time ON rights_changes (mailbox_key, time_ms);
      CREATE INDEX rights_changes_granted_by ON rights_changes (granted_by);
      CREATE TABLE rights_snapshots (source TEXT PRIMARY KEY, taken_ms INTEGER NOT NULL, holdings TEXT NOT NULL);
      CREATE TABLE rights_directory (name TEXT PRIMARY KEY, key TEXT NOT NULL);
      CREATE TABLE rights_coverage (source TEXT NOT NULL, from_ms INTEGER NOT NULL, to_ms INTEGER NOT NULL);
      CREATE TABLE review_decisions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        mailbox_key TEXT NOT NULL,
        trustee_key TEXT NOT NULL,
        right_name TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('keep', 'remove')),
        decided_by TEXT NOT NULL,
        at_ms INTEGER NOT NULL
      );
      CREATE INDEX review_decisions_mailbox ON review_decisions (mailbox_key, at_ms);
    `,
  },
];
