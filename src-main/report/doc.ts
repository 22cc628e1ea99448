/**
 * A small document model every report is built into once, and that the Markdown, HTML and PDF renderers each
 * print. One builder per report, one renderer per format — not a renderer per report and format.
 *
 * All text here is plain, unescaped text, much of it hostile (alert summaries, labels, operator notes):
 * escaping is the renderers' job, each for its own syntax.
 */

import type { Chart } from './chart'

export type Tone = 'critical' | 'major' | 'minor' | 'warning' | 'info' | 'ok' | 'P1' | 'P2' | 'P3' | 'P4' | 'neutral'

/** Background and text colour per tone: the console's severity palette (src-renderer/src/styles/theme.css). */
export const TONES: Record<Tone, { bg: string; fg: string }> = {
  critical: { bg: '#d32f2f', fg: '#ffffff' },
  major: { bg: '#f57c00', fg: '#111111' },
  minor: { bg: '#fbc02d', fg: '#111111' },
  warning: { bg: '#4fc3f7', fg: '#111111' },
  info: { bg: '#90a4ae', fg: '#111111' },
  ok: { bg: '#2e7d32', fg: '#ffffff' },
  P1: { bg: '#d32f2f', fg: '#ffffff' },
  P2: { bg: '#f57c00', fg: '#111111' },
  P3: { bg: '#fbc02d', fg: '#111111' },
  P4: { bg: '#90a4ae', fg: '#111111' },
  neutral: { bg: '#e0e0e0', fg: '#111111' },
}

const TONE_NAMES = new Set<string>(Object.keys(TONES))
/** Severity, priority and status strings map to a tone; anything else is neutral. */
export const toneOf = (s: string | null | undefined): Tone => {
  if (s && TONE_NAMES.has(s)) return s as Tone
  if (s === 'resolved' || s === 'closed') return 'ok'
  return 'neutral'
}

export interface Cell {
  text: string
  tone?: Tone
}
export type CellInput = string | Cell

export interface Column {
  title: string
  /** Relative width (the PDF and HTML share the page in these proportions). */
  width: number
  align?: 'left' | 'right'
}

export type Block =
  | { kind: 'heading'; text: string; level: 2 | 3 }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | { kind: 'badges'; items: { label: string; tone: Tone }[] }
  | { kind: 'facts'; items: { label: string; value: string; tone?: Tone }[] }
  | { kind: 'table'; columns: Column[]; rows: CellInput[][]; empty?: string }
  | { kind: 'chart'; chart: Chart }

export interface Doc {
  title: string
  subtitle: string
  /** Printed in every PDF page footer and the HTML footer ("INC-1042 · Acme · generated …"). */
  footer: string
  blocks: Block[]
}

/**
 * Text from a client, a payload or an operator set into an English sentence ("Client: <name> (id), tier gold"):
 * wrapped in a first-strong isolate (FSI … PDI), so an Arabic or Hebrew name reads right to left inside the
 * sentence without turning the whole sentence around. Bidi controls inside it are removed first (they are only
 * ever used to disguise text). Markdown and the file metadata drop the isolate again; HTML and PDF honour it.
 */
export const iso = (s: string | null | undefined): string => `\u2068${(s ?? '').replace(/[\u202a-\u202e\u2066-\u2069]/g, '')}\u2069`

/** `iso` undone (plain-text formats). */
export const stripIsolates = (s: string): string => s.replace(/[\u2066-\u2069]/g, '')

export const cellText = (c: CellInput): string => (typeof c === 'string' ? c : c.text)
export const cellTone = (c: CellInput): Tone | undefined => (typeof c === 'string' ? undefined : c.tone)

/** Builder with the few shapes reports use, so report code reads as the report reads. */
export class DocBuilder {
  readonly blocks: Block[] = []
  heading(text: string, level: 2 | 3 = 2): this {
    this.blocks.push({ kind: 'heading', text, level })
    return this
  }
  paragraph(text: string | null | undefined, muted = false): this {
    if (text) this.blocks.push({ kind: 'paragraph', text, muted })
    return this
  }
  badges(items: { label: string; tone: Tone }[]): this {
    this.blocks.push({ kind: 'badges', items })
    return this
  }
  facts(items: ({ label: string; value: string; tone?: Tone } | null | false)[]): this {
    this.blocks.push({ kind: 'facts', items: items.filter((x): x is { label: string; value: string; tone?: Tone } => !!x) })
    return this
  }
  table(columns: Column[], rows: CellInput[][], empty = 'none'): this {
    this.blocks.push({ kind: 'table', columns, rows, empty })
    return this
  }
  chart(chart: Chart): this {
    this.blocks.push({ kind: 'chart', chart })
    return this
  }
  build(title: string, subtitle: string, footer: string): Doc {
    return { title, subtitle, footer, blocks: this.blocks }
  }
}
