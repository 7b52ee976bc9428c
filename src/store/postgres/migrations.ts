import type { Migration } from '../sqlite/migrations';

/**
 * Numbered, immutable schema migrations for the PostgreSQL store, the same tables and indexes as
 * SQLite's (a test checks the versions match). Add new ones at the end; never edit one that has
 * shipped. Text columns compare bytewise (COLLATE "C"), as SQLite does, so ordering and cursor
 * paging agree between backends whatever the database's locale. Times are epoch milliseconds.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'events with their classification, known addresses, totals, state, coverage',
    sql: `
      CREATE TABLE events (
        id text COLLATE "C" PRIMARY KEY,
        time_ms bigint NOT NULL,
        operation text COLLATE "C" NOT NULL,
        actor text COLLATE "C" NOT NULL,
        mailbox text COLLATE "C",
        sent_as text COLLATE "C",
        client text COLLATE "C",
        app_id text COLLATE "C",
        client_ip text COLLATE "C",
        -- Any JavaScript number the normalizer accepted, exactly (SQLite keeps out-of-range integers as REAL).
        logon_type double precision,
        user_type double precision,
        external_access boolean,
        subject text COLLATE "C",
        internet_message_id text COLLATE "C",
        category text COLLATE "C" NOT NULL,
        confidence text COLLATE "C" NOT NULL,
        rule_id text COLLATE "C" NOT NULL,
        reasons text NOT NULL,
        classifier_version integer NOT NULL,
        raw text NOT NULL
      );
      CREATE INDEX events_sent_as_time ON events (sent_as, time_ms);
      CREATE INDEX events_actor_time ON events (actor, time_ms);
      CREATE INDEX events_time ON events (time_ms);
      -- The raw record is compressed on every insert: lz4 costs a fraction of the default pglz's time.
      -- Servers built without lz4 (or before PostgreSQL 14) keep the default.
      DO $$ BEGIN
        ALTER TABLE events ALTER COLUMN raw SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported OR syntax_error THEN NULL;
      END $$;
      CREATE TABLE addresses (address text COLLATE "C" PRIMARY KEY, events bigint NOT NULL);
      CREATE TABLE category_totals (category text COLLATE "C" PRIMARY KEY, events bigint NOT NULL);
      CREATE TABLE state (key text COLLATE "C" PRIMARY KEY, value text NOT NULL, updated_ms bigint NOT NULL);
      CREATE TABLE coverage (source text COLLATE "C" NOT NULL, from_ms bigint NOT NULL, to_ms bigint NOT NULL);
      CREATE INDEX coverage_from ON coverage (from_ms);
    `,
  },
  {
    version: 2,
    description: 'conversations and subscriptions, mutes, recorded anomalies and the delivery outbox',
    sql: `
      CREATE TABLE conversations (
        id text COLLATE "C" PRIMARY KEY,
        tenant_id text COLLATE "C",
        service_url text NOT NULL,
        channel_id text COLLATE "C" NOT NULL,
        conversation_type text COLLATE "C",
        reference text NOT NULL,
        subscribed boolean NOT NULL DEFAULT false,
        subscribed_ms bigint,
        locale text COLLATE "C",
        time_zone text COLLATE "C",
        seen_ms bigint NOT NULL
      );
      CREATE TABLE mutes (
        conversation_id text COLLATE "C" NOT NULL,
        kind text COLLATE "C" NOT NULL,
        mailbox text COLLATE "C" NOT NULL,
        created_ms bigint NOT NULL,
        PRIMARY KEY (conversation_id, kind, mailbox)
      );
      CREATE TABLE anomalies (
        key text COLLATE "C" PRIMARY KEY,
        kind text COLLATE "C" NOT NULL,
        severity text COLLATE "C" NOT NULL,
        at_ms bigint NOT NULL,
        mailbox text COLLATE "C",
        body text NOT NULL,
        first_seen_ms bigint NOT NULL,
        last_seen_ms bigint NOT NULL,
        announced_ms bigint
      );
      CREATE INDEX anomalies_announced_at ON anomalies (announced_ms, at_ms);
      CREATE TABLE deliveries (
        anomaly_key text COLLATE "C" NOT NULL REFERENCES anomalies (key),
        conversation_id text COLLATE "C" NOT NULL,
        state text COLLATE "C" NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'unknown', 'dead', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        created_ms bigint NOT NULL,
        next_attempt_ms bigint NOT NULL,
        lease_token text COLLATE "C",
        lease_until_ms bigint,
        sent_ms bigint,
        activity_id text,
        last_error text,
        PRIMARY KEY (anomaly_key, conversation_id)
      );
      CREATE INDEX deliveries_conversation_state ON deliveries (conversation_id, state);
      CREATE INDEX deliveries_state ON deliveries (state, next_attempt_ms);
      CREATE INDEX deliveries_lease ON deliveries (lease_token);
    `,
  },
  {
    version: 3,
    description: 'coverage levels: provisional (queried, late records may still arrive) or settled, with the last check',
    // Rows ending more than 74 h (the last re-sweep) ago are settled; newer ones are provisional as if
    // checked at their end, so the Graph scheduler re-sweeps them.
    sql: `
      ALTER TABLE coverage ADD COLUMN settled boolean NOT NULL DEFAULT true;
      ALTER TABLE coverage ADD COLUMN checked_ms bigint NOT NULL DEFAULT 0;
      UPDATE coverage SET checked_ms = to_ms, settled = to_ms <= (extract(epoch FROM now()) * 1000)::bigint - 74 * 3600000;
    `,
  },
  {
    version: 4,
    description: 'rights: admin-record changes, inventory snapshots per export kind, the directory, covered admin windows, review decisions',
    sql: `
      CREATE TABLE rights_changes (id text COLLATE "C" PRIMARY KEY, time_ms bigint NOT NULL, mailbox_key text COLLATE "C" NOT NULL, granted_by text COLLATE "C" NOT NULL, body text NOT NULL);
      CREATE INDEX rights_changes_time ON rights_changes (time_ms);
      CREATE INDEX rights_changes_mailbox_time ON rights_changes (mailbox_key, time_ms);
      CREATE INDEX rights_changes_granted_by ON rights_changes (granted_by);
      CREATE TABLE rights_snapshots (source text COLLATE "C" PRIMARY KEY, taken_ms bigint NOT NULL, holdings text NOT NULL);
      CREATE TABLE rights_directory (name text COLLATE "C" PRIMARY KEY, key text COLLATE "C" NOT NULL);
      CREATE TABLE rights_coverage (source text COLLATE "C" NOT NULL, from_ms bigint NOT NULL, to_ms bigint NOT NULL);
      CREATE TABLE review_decisions (
        seq bigserial PRIMARY KEY,
        mailbox_key text COLLATE "C" NOT NULL,
        trustee_key text COLLATE "C" NOT NULL,
        right_name text COLLATE "C" NOT NULL,
        decision text COLLATE "C" NOT NULL CHECK (decision IN ('keep', 'remove')),
        decided_by text COLLATE "C" NOT NULL,
        at_ms bigint NOT NULL
      );
      CREATE INDEX review_decisions_mailbox ON review_decisions (mailbox_key, at_ms);
    `,
  },
];
