import type { Migration } from './types'

/**
 * Escalation schedule, the notification outbox, maintenance windows, silences, suppressed alerts, source health,
 * storms and response actions. Never edit once shipped.
 */
export const m0003: Migration = {
  version: 3,
  name: 'escalation',
  up: (db) => {
    db.exec(`
      -- What the notification layer last saw of each incident: status (to detect ack/resolve/re-open) and episode.
      CREATE TABLE ops_incidents (
        incident_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        gen INTEGER NOT NULL,
        policy TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Escalation steps and delayed notification rules as due times. A row fires once: (incident, key) is the
      -- idempotency key, and fired_at is set in the same transaction that enqueues the deliveries.
      CREATE TABLE escalation_schedule (
        incident_id TEXT NOT NULL,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        round INTEGER NOT NULL,
        step INTEGER NOT NULL,
        notify TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        fired_at INTEGER,
        cancelled_at INTEGER,
        cancel_reason TEXT,
        held TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (incident_id, key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX escalationSchedule_pendingByDue ON escalation_schedule(due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;

      -- The outbox: every notification and response call, retried with backoff until sent or given up.
      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        incident_id TEXT,
        channel TEXT NOT NULL,
        channel_type TEXT NOT NULL,
        event TEXT NOT NULL,
        target TEXT,
        dedup_key TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at INTEGER,
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sent_at INTEGER,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX deliveries_byDedupKey ON deliveries(dedup_key);
      CREATE INDEX deliveries_pendingByDue ON deliveries(next_attempt_at) WHERE status = 'pending';
      CREATE INDEX deliveries_byIncidentChannel ON deliveries(incident_id, channel, id);
      CREATE INDEX deliveries_bySeq ON deliveries(seq);
      CREATE INDEX deliveries_byCreated ON deliveries(created_at);

      CREATE TABLE maintenance_windows (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        client TEXT,
        service TEXT,
        resource TEXT,
        schedule TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        deleted_at INTEGER,
        seq INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE silences (
        id TEXT PRIMARY KEY,
        matchers TEXT NOT NULL,
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        comment TEXT NOT NULL,
        incident_id TEXT,
        created_at INTEGER NOT NULL,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX silences_byEnds ON silences(ends_at);

      -- Alerts held back from the incident engine while a window or silence covers them.
      CREATE TABLE alert_suppressions (
        alert_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        reason TEXT NOT NULL,
        since INTEGER NOT NULL,
        seq INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        client TEXT,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        timeout_ms INTEGER,
        stale_since INTEGER,
        events INTEGER NOT NULL,
        seq INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE storms (
        id INTEGER PRIMARY KEY,
        client TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        rate REAL NOT NULL,
        baseline REAL NOT NULL,
        threshold REAL NOT NULL,
        peak REAL NOT NULL,
        minutes INTEGER NOT NULL,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX storms_byClientEnded ON storms(client, ended_at);

      -- Per-client events/minute EWMA, so a restart keeps what "normal" looks like.
      CREATE TABLE storm_baselines (
        client TEXT PRIMARY KEY,
        ewma REAL NOT NULL,
        minutes INTEGER NOT NULL,
        last_minute INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE responses (
        id INTEGER PRIMARY KEY,
        incident_id TEXT NOT NULL,
        action TEXT NOT NULL,
        status TEXT NOT NULL,
        requested_at INTEGER NOT NULL,
        auto_approved INTEGER NOT NULL,
        approved_by TEXT,
        approved_at INTEGER,
        delivery_id INTEGER,
        result_code INTEGER,
        result TEXT,
        finished_at INTEGER,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX responses_byIncidentAction ON responses(incident_id, action);
      CREATE INDEX responses_byDelivery ON responses(delivery_id);

      -- Retention deletes events by severity and age; without this index each batch would scan the journal.
      CREATE INDEX events_bySeverityReceived ON events(severity, received_at);

      INSERT INTO counters (name, value) VALUES ('silence', 0), ('maintenance', 0);
    `)
  },
}
