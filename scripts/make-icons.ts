#!/usr/bin/env tsx
// `npm run icons`: draw every icon the app and its installers use into resources/icons/ (committed, so a
// build never depends on this script; rerun it after changing src-main/electron/icons/noc-mark.ts).
//   png/NxN.png      16…1024 — Linux (electron-builder reads the folder), window icon
//   icon.png         512 — the window icon at run time
//   icon.ico         16…256 — Windows (nsis installer, exe)
//   icon.icns        16…1024 — macOS (dmg, app bundle)
//   tray.png, tray@2x.png, trayTemplate.png, trayTemplate@2x.png — the tray before the first state is drawn
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { drawAppIcon, drawTrayIcon, drawTrayTemplate } from '../src-main/electron/icons/noc-mark'
import { encodeIcns, encodeIco } from '../src-main/electron/icons/png'

export const APP_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const

export const makeIcons = (outDir: string): string[] => {
  const written: string[] = []
  const write = (rel: string, bytes: Uint8Array) => {
    const p = join(outDir, rel)
    mkdirSync(dirname(p), { recursive: true })
    writeFileSync(p, bytes)
    written.push(rel)
  }
  const pngs = new Map<number, Buffer>()
  for (const s of APP_SIZES) {
    const png = drawAppIcon(s).png()
    pngs.set(s, png)
    write(`png/${s}x${s}.png`, png)
  }
  write('icon.png', pngs.get(512)!)
  write('icon.ico', encodeIco(ICO_SIZES.map((s) => pngs.get(s)!)))
  write('icon.icns', encodeIcns(pngs))
  write('tray.png', drawTrayIcon({ severity: null, count: 0 }, 16).png())
  write('tray@2x.png', drawTrayIcon({ severity: null, count: 0 }, 32).png())
  write('trayTemplate.png', drawTrayTemplate(16).png())
  write('trayTemplate@2x.png', drawTrayTemplate(32).png())
  return written
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons')
  for (const f of makeIcons(out)) console.log(`icons: wrote resources/icons/${f}`)
}
