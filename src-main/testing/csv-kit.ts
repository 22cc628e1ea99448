/** Test helper (imported by *.test.ts only). */

/**
 * A strict RFC 4180 reader, written independently of the writer: records end in CRLF, quoted fields may hold
 * commas, CR, LF and doubled quotes; a bare CR or LF outside quotes, or text after a closing quote, is an error.
 */
export const parseCsv = (text: string): string[][] => {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  let started = false
  while (i < text.length) {
    const c = text[i]
    started = true
    if (c === '"' && field === '') {
      i++
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field')
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        field += text[i++]
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after closing quote at ${i}`)
      continue
    }
    if (c === '"') throw new Error(`quote inside unquoted field at ${i}`)
    if (c === ',') {
      row.push(field)
      field = ''
      i++
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`)
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      started = false
      i += 2
    } else if (c === '\n') throw new Error(`bare LF at ${i}`)
    else {
      field += c
      i++
    }
  }
  if (started) throw new Error('last record not terminated by CRLF')
  return rows
}
