import type { Migration } from './types'

/**
 * Open (firing) alerts per client and severity, kept by triggers on `alerts` in the same transaction as the row
 * change. Every delta carries the views of the clients it touched, and counting them by index meant walking every
 * firing alert of each client: in a 100 k-alert storm that was the writer reading the whole index 12 times a second.
 * Triggers cover every way a row changes (ingest, retention, anything added later) without the code having to
 * know the row's previous state. Rows that reach 0 stay (a client's severities are few). Never edit once shipped.
 */
export const m0005: Migration = {
  version: 5,
  name: 'client-open-counts',
  up: (db) => {
    db.exec(`
      CREATE TABLE client_open_counts (
        client TEXT NOT NULL,
        severity TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (client, severity)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO client_open_counts (client, severity, n)
        SELECT client, severity, count(*) FROM alerts WHERE status = 'firing' GROUP BY client, severity;

      CREATE TRIGGER alerts_openCountsOnInsert AFTER INSERT ON alerts WHEN new.status = 'firing' BEGIN
        INSERT INTO client_open_counts (client, severity, n) VALUES (new.client, new.severity, 1)
          ON CONFLICT (client, severity) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER alerts_openCountsOnDelete AFTER DELETE ON alerts WHEN old.status = 'firing' BEGIN
        UPDATE client_open_counts SET n = n - 1 WHERE client = old.client AND severity = old.severity;
      END;
      -- A full-row update names status and severity even when they stay: only a real move counts.
      CREATE TRIGGER alerts_openCountsOnUpdate AFTER UPDATE OF client, status, severity ON alerts
        WHEN (old.status = 'firing') <> (new.status = 'firing')
          OR (new.status = 'firing' AND (old.severity <> new.severity OR old.client <> new.client)) BEGIN
        UPDATE client_open_counts SET n = n - 1 WHERE old.status = 'firing' AND client = old.client AND severity = old.severity;
        INSERT INTO client_open_counts (client, severity, n) SELECT new.client, new.severity, 1 WHERE new.status = 'firing'
          ON CONFLICT (client, severity) DO UPDATE SET n = n + 1;
      END;
    `)
  },
}
