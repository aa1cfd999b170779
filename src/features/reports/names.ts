import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { Language } from '../../platform/i18n/catalogue.js'
import type { ReportResult } from './contract.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Every code a report shows: its rows' codes and the parts of measure ids after the statement (cds112.W06000015). */
export function codesIn(result: ReportResult): Set<string> {
  const codes = new Set<string>()
  for (const m of result.measures) {
    for (const part of m.id.split('.').slice(1)) codes.add(part)
    const v = m.value
    if ('rows' in v) for (const r of v.rows) codes.add(r.code)
  }
  for (const table of result.equity) for (const r of table.rows) codes.add(r.code)
  return codes
}

/**
 * The names a report's codes are shown with, in the user's language: local authorities, directory taxonomy terms
 * (the kinds of activity), directory organisations signposted to (#118), Cyswllt organisations and teams. Looked up
 * only for the codes the report holds, so a national directory does not make every page read every term.
 */
export async function reportNames(db: Kysely<DB>, lang: Language, result: ReportResult | null): Promise<Record<string, string>> {
  const names: Record<string, string> = {}
  const pick = (en: string, cy: string | null) => (lang === 'cy' && cy ? cy : en)
  for (const g of await db.selectFrom('local_authorities as g').select(['g.code', 'g.name_en', 'g.name_cy']).execute())
    names[g.code] = pick(g.name_en, g.name_cy)
  if (!result) return names
  const codes = [...codesIn(result)]
  const ids = codes.filter((c) => UUID.test(c))
  const words = codes.filter((c) => !UUID.test(c) && !(c in names))
  if (words.length > 0)
    for (const term of await db.selectFrom('taxonomy_terms as tt').select(['tt.code', 'tt.name', 'tt.name_cy']).where('tt.code', 'in', words).execute())
      if (term.code && !(term.code in names)) names[term.code] = pick(term.name, term.name_cy)
  if (ids.length > 0) {
    for (const o of await db.selectFrom('directory_organisations as d').select(['d.id', 'd.name']).where('d.id', 'in', ids).execute()) names[o.id] = o.name
    for (const o of await db.selectFrom('organisations as o').select(['o.id', 'o.name', 'o.name_cy']).where('o.id', 'in', ids).execute())
      names[o.id] = pick(o.name, o.name_cy)
    for (const tm of await db.selectFrom('teams as tm').select(['tm.id', 'tm.name', 'tm.name_cy']).where('tm.id', 'in', ids).execute())
      names[tm.id] = pick(tm.name, tm.name_cy)
  }
  return names
}
