/**
 * Per-severity alarm tones, synthesized with WebAudio at run time (no sound files to ship or fetch). Each
 * severity has its own rhythm and pitch, so the room can tell a critical from a minor without looking.
 * Browsers start audio only after a user gesture; until then `play` reports false and the console says
 * "sound blocked" (kiosk walls: launch Chromium with --autoplay-policy=no-user-gesture-required).
 */
import type { Severity } from '@shared/model/severity'

type Tone = readonly [freqHz: number, seconds: number]
interface Pattern {
  wave: OscillatorType
  gain: number
  tones: readonly Tone[]
}

/** 0 Hz = a pause. */
export const PATTERNS: Record<Exclude<Severity, 'ok'>, Pattern> = {
  critical: { wave: 'square', gain: 0.22, tones: [[1046, 0.12], [1318, 0.12], [0, 0.06], [1046, 0.12], [1318, 0.12], [0, 0.06], [1046, 0.12], [1318, 0.2]] },
  major: { wave: 'sawtooth', gain: 0.18, tones: [[784, 0.2], [0, 0.1], [784, 0.2]] },
  minor: { wave: 'triangle', gain: 0.3, tones: [[659, 0.3]] },
  warning: { wave: 'sine', gain: 0.3, tones: [[523, 0.25]] },
  info: { wave: 'sine', gain: 0.2, tones: [[440, 0.12]] },
}

let ctx: AudioContext | null = null

const context = (): AudioContext | null => {
  if (ctx) return ctx
  const Ctor = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext
  if (!Ctor) return null
  ctx = new Ctor()
  return ctx
}

export const soundState = (): string => (ctx ? ctx.state : (globalThis as { AudioContext?: unknown }).AudioContext ? 'starts with the first sound' : 'not supported')

/** Call from a user gesture: lets later alarms play. */
export const unlockAudio = async (): Promise<boolean> => {
  const c = context()
  if (!c) return false
  if (c.state !== 'running') await c.resume().catch(() => undefined)
  return c.state === 'running'
}

/** Play one severity's pattern now. False when audio is unavailable or still blocked by the browser. */
export const playSeverity = async (severity: Severity): Promise<boolean> => {
  if (severity === 'ok') return true
  const c = context()
  if (!c) return false
  if (c.state !== 'running') {
    // resume() may wait forever without a gesture: give it a moment, then report blocked.
    await Promise.race([c.resume().catch(() => undefined), new Promise((r) => setTimeout(r, 200))])
    // Re-read: resume() changed it meanwhile (TypeScript still narrows the earlier read).
    if ((c.state as AudioContextState) !== 'running') return false
  }
  const p = PATTERNS[severity]
  let t = c.currentTime + 0.02
  for (const [freq, dur] of p.tones) {
    if (freq > 0) {
      const osc = c.createOscillator()
      const gain = c.createGain()
      osc.type = p.wave
      osc.frequency.value = freq
      // Short ramps: no clicks at the edges.
      gain.gain.setValueAtTime(0, t)
      gain.gain.linearRampToValueAtTime(p.gain, t + 0.01)
      gain.gain.setValueAtTime(p.gain, t + dur - 0.02)
      gain.gain.linearRampToValueAtTime(0, t + dur)
      osc.connect(gain).connect(c.destination)
      osc.start(t)
      osc.stop(t + dur + 0.01)
    }
    t += dur
  }
  return true
}
