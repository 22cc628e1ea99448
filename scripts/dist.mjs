#!/usr/bin/env node
// `npm run dist [-- electron-builder flags]`: installers for the desktop console.
//   npm run dist                      this machine's platform and arch (Linux AppImage + deb, macOS dmg, Windows nsis)
//   npm run dist -- --win --x64       another platform: the prebuilt better-sqlite3 for it is fetched, not compiled
//   npm run dist -- --linux --dir     unpacked app only (dist/linux-unpacked), no installer
// Steps: electron-vite build → the Electron build of better-sqlite3 for every target (scripts/electron-native.mjs;
// electron-builder copies it to resources/native/, outside app.asar) → electron-builder with the `build` key of
// package.json. electron-builder's own native rebuild is off (npmRebuild: false): it would rebuild
// node_modules/better-sqlite3 in place and leave serve and the tests with an Electron-ABI build.
import { spawnSync } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureElectronNative } from './electron-native.mjs'
import { probeElectron } from './start-lib.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const say = (m) => console.log(`[dist] ${m}`)

/** The platforms and archs electron-builder will build for, from its CLI flags (default: this machine). */
export function distTargets(argv, host = { platform: process.platform, arch: process.arch }) {
  const platforms = []
  for (const a of argv) {
    if (a === '--linux' || a === '-l') platforms.push('linux')
    if (a === '--mac' || a === '-m' || a === '--macos') platforms.push('darwin')
    if (a === '--win' || a === '-w' || a === '--windows') platforms.push('win32')
  }
  const archs = ['x64', 'arm64', 'ia32', 'armv7l'].filter((a) => argv.includes(`--${a}`)).map((a) => (a === 'armv7l' ? 'arm' : a))
  const ps = platforms.length ? [...new Set(platforms)] : [host.platform]
  const as = archs.length ? [...new Set(archs)] : [host.arch]
  return ps.flatMap((platform) => as.map((arch) => ({ platform, arch })))
}

const main = async () => {
  const argv = process.argv.slice(2)
  if (process.env.NOC_SKIP_BUILD !== '1') {
    say('building main, preload and renderer (electron-vite build)…')
    const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' })
    if (r.status !== 0) process.exit(r.status ?? 1)
  }
  const probe = probeElectron({ electronDir: join(root, 'node_modules', 'electron'), env: process.env })
  for (const t of distTargets(argv)) {
    const native = await ensureElectronNative({ root, electronBinary: probe.ok ? probe.binary : undefined, platform: t.platform, arch: t.arch, say })
    if (!native.ok) {
      console.error(`[dist] ${native.message}`)
      process.exit(1)
    }
  }
  say(`electron-builder ${argv.join(' ')}`)
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), ...argv], { cwd: root, stdio: 'inherit' })
  process.exit(r.status ?? 1)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
