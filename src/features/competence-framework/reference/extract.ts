/**
 * Extracts the Competence Framework (2023) from the copied seed text into framework.json.
 * Run after changing the seed copy or welsh-titles.json:
 *   npx tsx src/features/competence-framework/reference/extract.ts
 * The text is kept verbatim except that markdown links become their plain text (the seed's links all point at '#').
 * It stops with an error rather than guess when a line does not fit the shapes below.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'

interface Item {
  text: string
  items?: string[]
}
interface Statement {
  heading: string | null
  text: string
  items: Item[]
}
interface Note {
  heading: string | null
  text: string
}
interface Area {
  id: string
  title: { en: string; cy: string }
  /** The sub-headings in order; each statement and note names the one it sits under (null: before the first). */
  headings: string[]
  notes: Note[]
  statements: Statement[]
}
interface Domain {
  number: number
  title: { en: string; cy: string }
  areas: Area[]
}

const here = dirname(fileURLToPath(import.meta.url))
const seed = readFileSync(join(here, 'competences-2023.txt'), 'utf8')
const welsh = JSON.parse(readFileSync(join(here, 'welsh-titles.json'), 'utf8')) as {
  domains: Record<string, string>
  areas: Record<string, string>
}

/** `[text](#)` → text, with the seed's escaped brackets unescaped. */
export const plain = (line: string) =>
  line.replace(/\[((?:\\.|[^\]\\])*)\]\(#\)/g, (_m, text: string) => text.replace(/\\([[\]()])/g, '$1'))

const lines = seed.split('\n').map((l) => l.replace(/\s+$/, ''))
const bodyStart = lines.findIndex((l, i) => i > 20 && l.startsWith('Core philosophy of social prescribing: '))
if (bodyStart < 0) throw new Error('No "Core philosophy" section after the contents')

const domainLine = /^(\d)\. (\S.*)$/
const areaLine = /^(\d)\.(\d)\. (?:([abc])\) )?(\S.*)$/
const bulletLine = /^( ?)- (\S.*)$/

const corePhilosophy: { title: string; statements: Statement[] } = { title: lines[bodyStart]!, statements: [] }
const domains: Domain[] = []
let area: Area | null = null
let heading: string | null = null
let statements = corePhilosophy.statements
let notes: Note[] = []
let last: { kind: 'statement'; s: Statement } | { kind: 'item'; i: Item } | { kind: 'sub'; i: Item } | null = null

const nextNonEmpty = (from: number) => {
  for (let j = from + 1; j < lines.length; j += 1) if (lines[j]) return lines[j]!
  return ''
}

for (let n = bodyStart + 1; n < lines.length; n += 1) {
  const raw = lines[n]!
  if (!raw) continue
  const line = plain(raw)
  const where = `seed line ${n + 1}`
  let m: RegExpMatchArray | null
  if ((m = raw.match(areaLine))) {
    const id = `${m[1]}.${m[2]}${m[3] ?? ''}`
    const domain = domains.at(-1)
    if (!domain || domain.number !== Number(m[1])) throw new Error(`${where}: area ${id} outside its domain`)
    const cy = welsh.areas[id]
    if (!cy) throw new Error(`No Welsh title for area ${id}`)
    area = { id, title: { en: plain(m[4]!), cy }, headings: [], notes: [], statements: [] }
    domain.areas.push(area)
    ;({ statements, notes } = area)
    heading = null
    last = null
  } else if ((m = raw.match(domainLine))) {
    const cy = welsh.domains[m[1]!]
    if (!cy) throw new Error(`No Welsh title for domain ${m[1]}`)
    domains.push({ number: Number(m[1]), title: { en: plain(m[2]!), cy }, areas: [] })
    area = null
    last = null
  } else if ((m = line.match(bulletLine))) {
    const text = m[2]!
    if (!last) throw new Error(`${where}: a bullet point with no statement before it`)
    const statement = statements.at(-1)!
    if (m[1]) {
      const parent = statement.items.at(-1)
      if (!parent) throw new Error(`${where}: a sub-item with no item before it`)
      ;(parent.items ??= []).push(text)
      last = { kind: 'sub', i: parent }
    } else {
      const item = { text }
      statement.items.push(item)
      last = { kind: 'item', i: item }
    }
  } else if (/^[a-z]/.test(line)) {
    // A sentence the source wrapped onto a new line (e.g. "… with their" / "referral and the outcomes …").
    if (!last) throw new Error(`${where}: a continuation with nothing to continue`)
    if (last.kind === 'statement') last.s.text += ` ${line}`
    else if (last.kind === 'item') last.i.text += ` ${line}`
    else last.i.items![last.i.items!.length - 1] += ` ${line}`
  } else if (/\babilit(y|ies)\b/i.test(line) || line.endsWith(':') || bulletLine.test(nextNonEmpty(n))) {
    if (!area && domains.length) throw new Error(`${where}: a statement outside an area`)
    const s: Statement = { heading, text: line, items: [] }
    statements.push(s)
    last = { kind: 'statement', s }
  } else if (line.length <= 130 && !line.endsWith('.')) {
    if (!area) throw new Error(`${where}: a heading outside an area`)
    if (area.headings.includes(line)) throw new Error(`${where}: heading "${line}" again in area ${area.id}`)
    area.headings.push(line)
    heading = line
    last = null
  } else {
    if (!area) throw new Error(`${where}: a note outside an area`)
    // Notes introduce a heading's statements; the pages show them first, so one after a statement would move.
    if (statements.at(-1)?.heading === heading && statements.length)
      throw new Error(`${where}: a note after a statement under the same heading`)
    notes.push({ heading, text: line })
    last = null
  }
}

for (const d of domains)
  for (const a of d.areas) if (!a.statements.length) throw new Error(`Area ${a.id} has no statements`)

const framework = {
  title: lines.find((l) => l)!,
  published: 'December 2023',
  corePhilosophy,
  domains,
}
const out = join(here, 'framework.json')
// Formatted as the repository's prettier would, so `prettier --check` and a re-run agree.
writeFileSync(out, await format(JSON.stringify(framework), { ...(await resolveConfig(out)), filepath: out }))
const areas = domains.flatMap((d) => d.areas)
process.stdout.write(
  `${domains.length} domains, ${areas.length} areas, ${areas.reduce((n, a) => n + a.statements.length, 0)} statements\n`,
)
