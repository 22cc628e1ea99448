import type { Migration } from './types'

/** The foundation: event journal, de-duplicated alerts, clients, dead letter. Never edit once shipped. */
export const m0001: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE clients (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        seq INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        client TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        fingerprint_kind TEXT NOT NULL,
        source TEXT NOT NULL,
        class TEXT NOT NULL,
        ems TEXT NOT NULL,
        rule TEXT NOT NULL,
        grp TEXT,
        components TEXT NOT NULL,
        resource TEXT,
        service TEXT,
        severity TEXT NOT NULL,
        status TEXT NOT NULL,
        count INTEGER NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        state_time INTEGER NOT NULL,
        resolved_at INTEGER,
        summary TEXT NOT NULL,
        description TEXT,
        labels TEXT NOT NULL,
        annotations TEXT NOT NULL,
        url TEXT,
        runbook_url TEXT,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX alerts_byClientFingerprint ON alerts(client, fingerprint);
      CREATE INDEX alerts_byClientStatus ON alerts(client, status, severity);
      CREATE INDEX alerts_byStatusLastSeen ON alerts(status, last_seen);
      CREATE INDEX alerts_bySeq ON alerts(seq);

      -- Append-only journal: one row per accepted occurrence.
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        received_at INTEGER NOT NULL,
        time INTEGER NOT NULL,
        alert_id INTEGER NOT NULL,
        client TEXT NOT NULL,
        source TEXT NOT NULL,
        severity TEXT NOT NULL,
        status TEXT NOT NULL,
        summary TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_byAlertTime ON events(alert_id, time);
      CREATE INDEX events_byClientReceived ON events(client, received_at);

      -- Dead letter: refused requests, body truncated at a stated limit.
      CREATE TABLE rejected (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        endpoint TEXT NOT NULL,
        status INTEGER NOT NULL,
        reason TEXT NOT NULL,
        issues TEXT NOT NULL,
        remote TEXT,
        body TEXT NOT NULL,
        body_bytes INTEGER NOT NULL,
        truncated INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX rejected_byAt ON rejected(at);
    `)
  },
}
