/**
 * A minimal PNG encoder (8-bit RGBA, no interlace) and the two container formats electron-builder wants for
 * icons: ICO (Windows) and ICNS (macOS), both holding PNG payloads. Written here because the icons are drawn by
 * our own code at build time (scripts/make-icons.ts) and at run time (the tray's severity badge), and a
 * dependency for ~100 lines of byte layout is not worth it.
 */
import { deflateSync } from 'node:zlib'

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

export const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const chunk = (type: string, data: Uint8Array): Buffer => {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'ascii')
  Buffer.from(data).copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** `rgba` is width*height*4 bytes, rows top to bottom, straight (not premultiplied) alpha. */
export const encodePng = (width: number, height: number, rgba: Uint8Array): Buffer => {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`)
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // colour type: RGBA
  // Every row gets filter type 0 (none): icons are tiny, zlib does the rest.
  const raw = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1)
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array(0))])
}

/** Width and height from a PNG's IHDR (what the tests and the ICO writer check). */
export const pngSize = (png: Uint8Array): { width: number; height: number } => {
  const b = Buffer.from(png.buffer, png.byteOffset, png.length)
  if (!b.subarray(0, 8).equals(PNG_SIGNATURE) || b.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG')
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
}

/** ICO with PNG-compressed entries (Windows Vista and later read these; 256 px is stored as size 0). */
export const encodeIco = (pngs: readonly Uint8Array[]): Buffer => {
  const header = Buffer.alloc(6 + 16 * pngs.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(pngs.length, 4)
  let offset = header.length
  pngs.forEach((png, i) => {
    const { width, height } = pngSize(png)
    if (width > 256 || height > 256) throw new Error(`ICO entries are at most 256 px (got ${width})`)
    const e = 6 + 16 * i
    header[e] = width === 256 ? 0 : width
    header[e + 1] = height === 256 ? 0 : height
    header[e + 2] = 0 // palette size
    header[e + 3] = 0
    header.writeUInt16LE(1, e + 4) // colour planes
    header.writeUInt16LE(32, e + 6) // bits per pixel
    header.writeUInt32LE(png.length, e + 8)
    header.writeUInt32LE(offset, e + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...pngs.map((p) => Buffer.from(p))])
}

/** The ICNS element types that hold PNG data, by pixel size (retina variants share sizes with plain ones). */
export const ICNS_TYPES: readonly { type: string; px: number }[] = [
  { type: 'icp4', px: 16 },
  { type: 'icp5', px: 32 },
  { type: 'icp6', px: 64 },
  { type: 'ic07', px: 128 },
  { type: 'ic08', px: 256 },
  { type: 'ic09', px: 512 },
  { type: 'ic10', px: 1024 },
  { type: 'ic11', px: 32 },
  { type: 'ic12', px: 64 },
  { type: 'ic13', px: 256 },
  { type: 'ic14', px: 512 },
]

/** ICNS from PNGs keyed by pixel size; every type in ICNS_TYPES whose size is given is written. */
export const encodeIcns = (bySize: ReadonlyMap<number, Uint8Array>): Buffer => {
  const parts: Buffer[] = []
  for (const { type, px } of ICNS_TYPES) {
    const png = bySize.get(px)
    if (!png) continue
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(8 + png.length, 4)
    parts.push(head, Buffer.from(png))
  }
  const body = Buffer.concat(parts)
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + body.length, 4)
  return Buffer.concat([head, body])
}
