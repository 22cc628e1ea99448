import type { Migration } from './types'

/**
 * Correlation trust (issue 12): what dedup remembers about each alert's episode and the events it ignored as
 * older; whether a cross-client problem is evidence-based (`confirmed`), a coincidence (`suspected`) or
 * `dismissed` by an operator, with its evidence and the incidents operators moved out. Never edit once shipped.
 */
export const m0004: Migration = {
  version: 4,
  name: 'episodes-evidence',
  up: (db) => {
    db.exec(`
      ALTER TABLE alerts ADD COLUMN episode TEXT;
      ALTER TABLE alerts ADD COLUMN ignored TEXT;

      ALTER TABLE problems ADD COLUMN status TEXT NOT NULL DEFAULT 'confirmed';
      ALTER TABLE problems ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE problems ADD COLUMN excluded TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE problems ADD COLUMN decided_by TEXT;
      -- Same-rule problems made before evidence was required were coincidences as often as not.
      UPDATE problems SET status = 'suspected' WHERE kind = 'rule';
    `)
  },
}
