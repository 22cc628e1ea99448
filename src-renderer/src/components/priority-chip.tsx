import type { Priority } from '@shared/model/severity'

/** P1–P4 as a chip whose shape and text carry it; colour only reinforces. */
export const PriorityChip = ({ priority }: { priority: Priority }) => (
  <span className={`prio prio-${priority}`} data-priority={priority}>
    {priority}
  </span>
)

export const STATUS_LABEL = { open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved', closed: 'Closed' } as const
