import type { Kysely } from 'kysely'
import type { Actor } from '../../platform/access/policy.js'
import type { DB } from '../../platform/db/schema.js'
import { referralRoutes } from '../../platform/db/schema.js'
import type { Language } from '../../platform/i18n/catalogue.js'
import type { Translate } from '../../platform/i18n/i18n.js'
import { vocabulary } from '../people/vocabulary.js'
import { ageBands, type Dimension, dimensions, type ReportFilter } from './contract.js'

/**
 * The report page's GET form (issue 7 §5): the period as two GOV.UK date inputs and a select per dimension the user
 * may filter by. Which dimensions: commissioners see areas and people's characteristics, never team or
 * practitioner (person-identifiable at small scale, DESIGN §3); a provider's users are held to their organisation,
 * so it is not offered; a practitioner filter is offered to team leads. parseReportQuery has the last word.
 */
export function offeredDimensions(actor: Actor): Dimension[] {
  const aggregate = actor.roles.includes('commissioner') && !actor.roles.includes('practitioner') && !actor.roles.includes('team_lead')
  return dimensions.filter((d) => {
    // Commissioners may not narrow to a team or a practitioner: at that scale an aggregate points at people.
    if (aggregate) return d !== 'practitioner' && d !== 'team'
    if (d === 'organisation') return false
    if (d === 'practitioner') return actor.roles.includes('team_lead')
    return true
  })
}

interface Option {
  value: string
  text: string
}

const label = (t: Translate, key: string, code: string) => {
  const text = t(key)
  return text === key ? code : text
}

/** The options of each offered dimension, codes with their names in the user's language. */
export async function dimensionOptions(db: Kysely<DB>, actor: Actor, lang: Language, t: Translate): Promise<Partial<Record<Dimension, Option[]>>> {
  const offered = offeredDimensions(actor)
  const name = (r: { code: string; name_en: string; name_cy: string }) => ({ value: r.code, text: lang === 'cy' ? r.name_cy : r.name_en })
  const options: Partial<Record<Dimension, Option[]>> = {}
  for (const d of offered) {
    switch (d) {
      case 'organisation':
        options[d] = (await db.selectFrom('organisations as o').select(['o.id', 'o.name', 'o.name_cy']).where('o.type', '=', 'provider').orderBy('o.name').execute()).map((o) => ({
          value: o.id,
          text: lang === 'cy' && o.name_cy ? o.name_cy : o.name,
        }))
        break
      case 'practitioner':
        options[d] = (
          await db
            .selectFrom('users as u')
            .innerJoin('user_roles as r', 'r.user_id', 'u.id')
            .select(['u.id', 'u.name'])
            .where('u.organisation_id', '=', actor.organisationId)
            .where('r.role', '=', 'practitioner')
            .where('u.active', '=', true)
            .orderBy('u.name')
            .execute()
        ).map((u) => ({ value: u.id, text: u.name }))
        break
      case 'team':
        options[d] = (
          await db
            .selectFrom('teams as tm')
            .select(['tm.id', 'tm.name', 'tm.name_cy'])
            .where('tm.organisation_id', '=', actor.organisationId)
            .where('tm.archived_at', 'is', null)
            .orderBy('tm.name')
            .execute()
        ).map((tm) => ({ value: tm.id, text: lang === 'cy' && tm.name_cy ? tm.name_cy : tm.name }))
        break
      case 'local_authority': {
        // A commissioner is offered the areas they commission (any other is refused); everyone else all 22.
        const areas = (
          await db.selectFrom('organisation_areas as oa').select('oa.local_authority_code').where('oa.organisation_id', '=', actor.organisationId).execute()
        ).map((a) => a.local_authority_code)
        const limit = offered.includes('organisation') && areas.length > 0
        options[d] = (await db.selectFrom('local_authorities as g').select(['g.code', 'g.name_en', 'g.name_cy']).orderBy('g.name_en').execute())
          .filter((g) => !limit || areas.includes(g.code))
          .map(name)
        break
      }
      case 'health_board':
        options[d] = (await db.selectFrom('health_boards as g').select(['g.code', 'g.name_en', 'g.name_cy']).orderBy('g.name_en').execute()).map(name)
        break
      case 'rpb':
        options[d] = (await db.selectFrom('regional_partnership_boards as g').select(['g.code', 'g.name_en', 'g.name_cy']).orderBy('g.name_en').execute()).map(name)
        break
      case 'route':
        options[d] = referralRoutes.map((code) => ({ value: code, text: label(t, `referrals.options.routes.${code}`, code) }))
        break
      case 'age_band':
        options[d] = ageBands.map((code) => ({ value: code, text: code }))
        break
      case 'sex':
      case 'ethnicity':
      case 'disability':
        options[d] = vocabulary[d].map((code) => ({ value: code, text: label(t, `people.options.${d}.${code}`, code) }))
        break
      case 'wimd_quintile':
        options[d] = ['1', '2', '3', '4', '5'].map((code) => ({ value: code, text: code }))
        break
      case 'language':
        options[d] = ['cy', 'en'].map((code) => ({ value: code, text: t(`reports.languages.${code}`) }))
        break
    }
  }
  return options
}

const triple = (iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-')
  return { day: day ? String(Number(day)) : '', month: month ? String(Number(month)) : '', year }
}

/** The form as the user filled it: what they typed when it was refused, otherwise the filter the report used. */
export function formValues(query: Record<string, unknown>, filter: ReportFilter | null) {
  const typed = (name: string) => {
    const part = (p: string) => (typeof query[`${name}-${p}`] === 'string' ? (query[`${name}-${p}`] as string) : '')
    if (part('day') || part('month') || part('year')) return { day: part('day'), month: part('month'), year: part('year') }
    if (typeof query[name] === 'string') return triple(query[name] as string)
    return filter ? triple(name === 'from' ? filter.from : filter.to) : { day: '', month: '', year: '' }
  }
  const chosen: Record<string, string> = {}
  for (const d of dimensions) {
    const v = query[d]
    const first = Array.isArray(v) ? v[0] : v
    if (typeof first === 'string') chosen[d] = first.split(',')[0] ?? ''
    else if (filter?.where[d]?.length === 1) chosen[d] = filter.where[d]?.[0] ?? ''
  }
  return { from: typed('from'), to: typed('to'), chosen }
}

/** The query string the page was asked with, for the export links (the same report, as CSV or XLSX). */
export function exportQuery(url: string): string {
  const at = url.indexOf('?')
  if (at < 0) return ''
  const params = new URLSearchParams(url.slice(at + 1))
  params.delete('lng')
  const s = params.toString()
  return s ? `?${s}` : ''
}
