/*
 * A small RFC 4180 reader and writer (pure): comma-separated fields, fields in double quotes may hold commas,
 * line breaks and doubled quotes (""), records end with CRLF or LF. A UTF-8 byte order mark at the start (as Excel
 * writes it) is dropped on reading and written on writing, so Excel opens Welsh letters (ŵ, ŷ) correctly.
 */

export const BOM = '\ufeff'

export type CsvResult = { ok: true; records: string[][] } | { ok: false; line: number; message: string }

/** Reads CSV text into records of fields. Blank lines are skipped. A quote left open is an error with its line. */
export function parseCsv(text: string): CsvResult {
  const input = text.startsWith(BOM) ? text.slice(1) : text
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let fieldStarted = false
  let afterQuote = false
  let line = 1
  let quoteLine = 1
  const endRecord = () => {
    record.push(field)
    // A line with nothing on it is not a record.
    if (!(record.length === 1 && record[0] === '' && !fieldStarted)) records.push(record)
    record = []
    field = ''
    fieldStarted = false
    afterQuote = false
  }
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as string
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"'
          i++
        } else {
          quoted = false
          afterQuote = true
        }
      } else {
        if (c === '\n') line++
        field += c
      }
      continue
    }
    if (c === '"') {
      if (field !== '' || afterQuote)
        return { ok: false, line, message: 'a quote in the middle of a field that does not start with one' }
      quoted = true
      fieldStarted = true
      quoteLine = line
    } else if (c === ',') {
      record.push(field)
      field = ''
      fieldStarted = true
      afterQuote = false
    } else if (c === '\r' && input[i + 1] === '\n') {
      // CRLF: the LF ends the record.
    } else if (c === '\n') {
      endRecord()
      line++
    } else {
      if (afterQuote) return { ok: false, line, message: 'text after the closing quote of a field' }
      field += c
      fieldStarted = true
    }
  }
  if (quoted) return { ok: false, line: quoteLine, message: 'a quote is opened and never closed' }
  if (field !== '' || fieldStarted || record.length) endRecord()
  return { ok: true, records }
}

/** One field, quoted when it holds a comma, quote, line break, or leading or trailing space. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** CSV text with a byte order mark and CRLF line ends (RFC 4180), ending with a line break. */
export function writeCsv(records: readonly (readonly string[])[]): string {
  return BOM + records.map((record) => record.map(csvField).join(',')).join('\r\n') + '\r\n'
}
