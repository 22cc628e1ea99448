import { z } from 'zod'
import { Severity } from './severity'

/** An MSP customer. Created on first sight; tier/hours come from configuration. */
export const Client = z.object({
  id: z.string(),
  name: z.string(),
  tier: z.string(),
  firstSeen: z.number(),
  lastSeen: z.number(),
  /** Open (firing) alert counts per severity. */
  open: z.record(Severity, z.number().int()),
  worst: Severity,
})
export type Client = z.infer<typeof Client>
