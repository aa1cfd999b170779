import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'

/** Splits one CSV line (RFC 4180 quoting, no line breaks inside fields: true of ONS and WIMD files). */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      fields.push(field)
      field = ''
    } else field += c
  }
  fields.push(field)
  return fields.map((f) => f.trim())
}

/** Streams a large CSV file as records keyed by lower-case header, in batches, without loading it whole. */
export async function* csvBatches(file: string, batchSize = 2000): AsyncGenerator<Record<string, string>[]> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })
  let header: string[] | null = null
  let batch: Record<string, string>[] = []
  for await (const line of lines) {
    if (!line.trim()) continue
    const fields = parseCsvLine(line.replace(/^\uFEFF/, ''))
    if (!header) {
      header = fields.map((h) => h.toLowerCase())
      continue
    }
    batch.push(Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ''])))
    if (batch.length >= batchSize) {
      yield batch
      batch = []
    }
  }
  if (batch.length) yield batch
}

/** The first of several possible column names present in a record (files name columns differently). */
export function pick(record: Record<string, string>, names: string[]): string {
  for (const name of names) if (record[name] !== undefined && record[name] !== '') return record[name] as string
  return ''
}
