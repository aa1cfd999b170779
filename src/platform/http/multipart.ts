/**
 * A small multipart/form-data reader for the few forms that send a file (an editor's CSV), so they work without
 * JavaScript. It turns the body into the same flat object a urlencoded form gives — `{ field: value }` — with a file
 * field's content as UTF-8 text and its name under `<field>.filename`, so the CSRF check and handlers read it as any
 * other form. Fastify caps the body size before this runs. Pure.
 */
export type FormFields = Record<string, string>

export class MultipartError extends Error {}

export function boundaryOf(contentType: string | undefined): string | null {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '')
  return match ? (match[1] ?? match[2] ?? null) : null
}

export function parseMultipart(body: Buffer, boundary: string): FormFields {
  const fields: FormFields = {}
  const delimiter = Buffer.from(`--${boundary}`)
  let position = body.indexOf(delimiter)
  if (position < 0) throw new MultipartError('no boundary in the body')
  for (;;) {
    position += delimiter.length
    // "--" after a delimiter closes the body.
    if (body.subarray(position, position + 2).toString() === '--') return fields
    const headersEnd = body.indexOf('\r\n\r\n', position)
    if (headersEnd < 0) throw new MultipartError('a part without headers')
    const headers = body.subarray(position, headersEnd).toString('utf8')
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headersEnd + 4)
    if (next < 0) throw new MultipartError('a part without an end')
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? ''
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1]
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1]
    if (name !== undefined) {
      fields[name] = body.subarray(headersEnd + 4, next).toString('utf8')
      if (filename !== undefined) fields[`${name}.filename`] = filename
    }
    position = next + 2
  }
}
