import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HUB_WORKER_FILE, hubWorkerEntry } from './hub-worker-entry'

const only = (...files: string[]) => (p: string) => files.includes(p)

describe('hubWorkerEntry', () => {
  it('installed app: the unpacked twin of the main bundle folder (app.asar → app.asar.unpacked)', () => {
    const file = join('/opt/NOC console/resources/app.asar.unpacked/out/main', HUB_WORKER_FILE)
    expect(hubWorkerEntry('/opt/NOC console/resources/app.asar/out/main', only(file))).toBe(file)
  })

  it('Windows paths keep their separators', () => {
    const file = join('C:\\Program Files\\NOC console\\resources\\app.asar.unpacked\\out\\main', HUB_WORKER_FILE)
    expect(hubWorkerEntry('C:\\Program Files\\NOC console\\resources\\app.asar\\out\\main', only(file))).toBe(file)
  })

  it('not in an archive (electron ., asar: false): left to the default lookup next to the bundle', () => {
    expect(hubWorkerEntry('/work/noc/out/main', () => true)).toBeUndefined()
    expect(hubWorkerEntry('/opt/noc/resources/app/out/main', () => true)).toBeUndefined()
  })

  it('a folder merely named like an archive is not one', () => {
    expect(hubWorkerEntry('/home/me/app.asar-notes/out/main', () => true)).toBeUndefined()
  })

  it('packed without the unpacked worker: left to the copy inside the archive', () => {
    expect(hubWorkerEntry('/opt/noc/resources/app.asar/out/main', () => false)).toBeUndefined()
  })
})
