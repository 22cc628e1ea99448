import type { Migration } from './types'

/** Incidents, their alert links and timeline, cross-client problems, persisted due-times, flap history. */
export const m0002: Migration = {
  version: 2,
  name: 'incidents',
  up: (db) => {
    db.exec(`
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        client TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        priority TEXT NOT NULL,
        breakdown TEXT NOT NULL,
        severity TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        acknowledged_at INTEGER,
        resolved_at INTEGER,
        closed_at INTEGER,
        owner TEXT,
        escalation_level INTEGER NOT NULL,
        alert_count INTEGER NOT NULL,
        problem_id TEXT,
        merged_into TEXT,
        flags TEXT NOT NULL,
        service TEXT,
        resource TEXT,
        rule TEXT NOT NULL,
        cause TEXT,
        solution TEXT,
        tags TEXT NOT NULL,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX incidents_byStatusPriority ON incidents(status, priority);
      CREATE INDEX incidents_byClientStatus ON incidents(client, status);
      CREATE INDEX incidents_bySeq ON incidents(seq);
      CREATE INDEX incidents_byOpenedAt ON incidents(opened_at);

      CREATE TABLE incident_alerts (
        incident_id TEXT NOT NULL,
        alert_id INTEGER NOT NULL,
        role TEXT NOT NULL,
        rule TEXT NOT NULL,
        reason TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        PRIMARY KEY (incident_id, alert_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX incidentAlerts_byAlert ON incident_alerts(alert_id);

      -- Append-only: who did what, when.
      CREATE TABLE timeline (
        id INTEGER PRIMARY KEY,
        incident_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        data TEXT
      ) STRICT;
      CREATE INDEX timeline_byIncident ON timeline(incident_id, id);

      CREATE TABLE problems (
        id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        clients TEXT NOT NULL,
        incident_ids TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        resolved_at INTEGER,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX problems_byResolved ON problems(resolved_at);

      -- Due times, not setTimeout chains: a restart loses nothing and fires overdue work once.
      CREATE TABLE incident_timers (
        incident_id TEXT NOT NULL,
        what TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        PRIMARY KEY (incident_id, what)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX incidentTimers_byDue ON incident_timers(due_at);

      CREATE TABLE flap_history (
        alert_id INTEGER PRIMARY KEY,
        transitions TEXT NOT NULL
      ) STRICT;

      -- Human-readable id counters (INC-1001…); updated inside the writing transaction so a rollback returns the number.
      CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT;
      INSERT INTO counters (name, value) VALUES ('incident', 1000), ('problem', 100);
    `)
  },
}
