import { request } from 'node:http'
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'

/**
 * Page weight without a browser: fetch a page, find what it loads (stylesheets, scripts and the modules they
 * import, images, and the fonts and images the stylesheets name in url(…)), fetch each once, and add up the bytes by
 * kind: `raw` (the bytes of the file), `gzip` (gzip level 9 of the raw bytes, what a compressing proxy would send)
 * and `transferred` (the body as the service sent it to a browser that accepts `br, gzip`: what crosses the network,
 * headers left out). Fonts and images named in CSS are all counted, though a browser fetches only those a page uses:
 * an upper bound.
 */
export type Kind = 'html' | 'css' | 'js' | 'font' | 'image' | 'other'

export interface PageWeight {
  page: string
  path: string
  status: number
  bytes: Record<Kind, Bytes>
  total: Bytes
}

/** `transferred` was added with compression (issue 9); results files from before it lack it. */
export interface Bytes {
  raw: number
  gzip: number
  transferred?: number
  files: number
}

export function kindOf(url: string): Kind {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? ''
  if (ext === 'css') return 'css'
  if (['js', 'mjs'].includes(ext)) return 'js'
  if (['woff', 'woff2', 'ttf', 'otf', 'eot'].includes(ext)) return 'font'
  if (['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'avif'].includes(ext)) return 'image'
  return 'other'
}

/** The URLs an HTML page loads: stylesheets, scripts and images (not links, not icons). */
export function htmlReferences(html: string): string[] {
  const found: string[] = []
  for (const m of html.matchAll(/<link\b[^>]*>/gi))
    if (/rel=["']?stylesheet/i.test(m[0])) found.push(/href=["']([^"']+)["']/i.exec(m[0])?.[1] ?? '')
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/gi)) found.push(m[1] ?? '')
  for (const m of html.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)) found.push(m[1] ?? '')
  return found.filter((u) => u && !u.startsWith('data:'))
}

/** What a stylesheet loads (url(…) and @import), or a module script imports. */
export function assetReferences(kind: Kind, text: string): string[] {
  const found: string[] = []
  if (kind === 'css') {
    for (const m of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)) found.push(m[1] ?? '')
    for (const m of text.matchAll(/@import\s+["']([^"']+)["']/gi)) found.push(m[1] ?? '')
  } else if (kind === 'js') {
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+\.m?js)["']/g)) found.push(m[1] ?? '')
  }
  return found.filter((u) => u && !u.startsWith('data:') && !u.startsWith('#'))
}

const empty = (): Bytes => ({ raw: 0, gzip: 0, transferred: 0, files: 0 })

/** What a browser asks for, and what it gets: the body as sent and as decoded. Node's fetch would decode unseen. */
export function download(
  url: string,
  cookie: string,
): Promise<{ status: number; body: Buffer; transferred: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { cookie, 'accept-encoding': 'br, gzip' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', reject)
      response.on('end', () => {
        const sent = Buffer.concat(chunks)
        const encoding = String(response.headers['content-encoding'] ?? 'identity')
        try {
          const body = encoding === 'br' ? brotliDecompressSync(sent) : encoding === 'gzip' ? gunzipSync(sent) : sent
          resolve({ status: response.statusCode ?? 0, body, transferred: sent.length, encoding })
        } catch (error) {
          reject(error as Error)
        }
      })
    })
    req.on('error', reject)
    req.end()
  })
}

export async function pageWeight(base: string, page: string, path: string, cookie = ''): Promise<PageWeight> {
  const bytes: PageWeight['bytes'] = {
    html: empty(),
    css: empty(),
    js: empty(),
    font: empty(),
    image: empty(),
    other: empty(),
  }
  const add = (kind: Kind, body: Buffer, transferred: number) => {
    bytes[kind].raw += body.length
    bytes[kind].gzip += gzipSync(body, { level: 9 }).length
    bytes[kind].transferred = (bytes[kind].transferred ?? 0) + transferred
    bytes[kind].files += 1
  }
  const response = await download(base + path, cookie)
  const html = response.body
  add('html', html, response.transferred)
  const seen = new Set<string>()
  const queue = htmlReferences(html.toString('utf8')).map((u) => new URL(u, base + path).toString())
  while (queue.length) {
    const url = queue.shift() as string
    if (seen.has(url) || !url.startsWith(base)) continue
    seen.add(url)
    const asset = await download(url, cookie)
    if (asset.status !== 200) continue
    const body = asset.body
    const kind = kindOf(url)
    add(kind, body, asset.transferred)
    if (kind === 'css' || kind === 'js')
      for (const ref of assetReferences(kind, body.toString('utf8'))) queue.push(new URL(ref, url).toString())
  }
  const total = Object.values(bytes).reduce(
    (a, b) => ({
      raw: a.raw + b.raw,
      gzip: a.gzip + b.gzip,
      transferred: (a.transferred ?? 0) + (b.transferred ?? 0),
      files: a.files + b.files,
    }),
    empty(),
  )
  return { page, path, status: response.status, bytes, total }
}
