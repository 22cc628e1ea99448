#!/usr/bin/env node
// package.json runs the launchers as `exec node scripts/<x>.mjs`. In sh, `exec` is the shell's special builtin
// (found before any PATH lookup): the launcher replaces the shell and becomes npm's own child, so a signal npm
// forwards reaches it, and the flags after `--` that npm appends reach it too. cmd.exe has no `exec`; npm puts
// node_modules/.bin on PATH, where this package's `exec.cmd` shim finds this file, which runs the rest of the line.
'use strict'
const { spawnSync } = require('node:child_process')

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: exec <command> [args…]')
  process.exit(64)
}
const r = spawnSync(command === 'node' ? process.execPath : command, args, { stdio: 'inherit' })
if (r.error) {
  console.error(`exec: ${command}: ${r.error.message}`)
  process.exit(127)
}
process.exit(r.status ?? 1)
