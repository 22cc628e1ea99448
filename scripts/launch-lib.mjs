// Shared by the launchers behind `npm run serve` and `npm start`.
import { execFileSync } from 'node:child_process'

const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ash', 'ksh'])

/** `ps -o <field>= -p <pid>` (POSIX); undefined where there is no ps (Windows) or the process is gone. */
const ps = (field, pid) => {
  try {
    return execFileSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined
  } catch {
    return undefined
  }
}

const alive = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return e.code === 'EPERM'
  }
}

/**
 * npm runs a script through a shell (`sh -c`) and forwards a signal it gets to that shell only, which does not pass
 * it on: on SIGTERM it dies and the server is re-parented to init, keeping its port; on SIGINT it goes on waiting.
 * So the scripts `exec` the launcher (package.json: `exec node scripts/x.mjs`; on cmd.exe, which has no `exec`, the
 * in-repo scripts/exec-shim package provides one), making it npm's own child and handing it the flags after `--`
 * (an `exec a || a` fallback would give them to the second half only), and the launcher watches its parent too:
 * when npm (or a shell between us) is gone — killed with -9, or a wrapper that does not exec — it stops as if it
 * had been sent `signal`. (Ctrl+C in a terminal reaches the whole process group and needs none of this.)
 */
export function stopWithParent(signal = 'SIGTERM', pollMs = 200) {
  const parent = process.ppid
  const comm = ps('comm', parent)
  const grand = comm && SHELLS.has(comm.split('/').pop()) ? Number(ps('ppid', parent)) : NaN
  const timer = setInterval(() => {
    if (process.ppid === parent && (!(grand > 1) || alive(grand))) return
    clearInterval(timer)
    process.kill(process.pid, signal)
  }, pollMs)
  timer.unref()
  return () => clearInterval(timer)
}
