import { type AreaId, areaIds, type Rating } from '../competence/areas.js'
import { writeCsv } from '../directory/csv/csv.js'
import { areaTitle, domainTitle } from './area-titles.js'
import type { TeamCompetence } from './read.js'
import { areasByDomain } from './rules.js'

type T = (key: string, params?: Record<string, string | number>) => string
type Lang = 'cy' | 'en'

/** Tag colours: the gaps stand out, the strengths are quiet. */
const tagClass: Record<Rating | 'none', string> = {
  not_yet: 'govuk-tag--red',
  developing: 'govuk-tag--yellow',
  competent: 'govuk-tag--green',
  can_support_others: 'govuk-tag--blue',
  none: 'govuk-tag--grey',
}

const ratingLabel = (t: T, rating: Rating | undefined) => t(`teamCompetence.ratings.${rating ?? 'none'}`)

/** What the page's template needs: the matrix with grouped headers, the coverage of CF 3.1–3.3, training needs. */
export function teamPage(t: T, lang: Lang, found: TeamCompetence) {
  const area = (id: AreaId) => ({ id, title: areaTitle(id, lang) })
  const teamName = (team: { name: string; name_cy: string | null }) => (lang === 'cy' && team.name_cy ? team.name_cy : team.name)
  return {
    team: found.team && { id: found.team.id, name: teamName(found.team) },
    teams: found.teams.map((team) => ({ value: team.id, text: teamName(team), selected: team.id === found.team?.id })),
    domains: areasByDomain().map((g) => ({ domain: g.domain, title: domainTitle(g.domain, lang), areas: g.areas.map(area) })),
    members: found.members.map((m) => ({
      id: m.id,
      name: m.name,
      assessedOn: m.latest?.assessedOn ?? null,
      cells: areaIds.map((id) => {
        const rating = m.latest?.ratings[id]
        return { areaId: id, text: ratingLabel(t, rating), classes: tagClass[rating ?? 'none'] }
      }),
    })),
    coverage: found.coverage.map((c) => ({
      ...area(c.areaId),
      covered: c.covered,
      coveredBy: c.coveredBy.map((m) => ({ name: m.name, rating: ratingLabel(t, m.rating) })),
    })),
    needs: found.needs.filter((n) => n.total > 0).map((n) => ({ ...n, ...area(n.areaId) })),
    csvHref: found.team ? `/competence/team.csv?team=${found.team.id}` : '/competence/team.csv',
  }
}

/** A spreadsheet would run a cell starting with = + - @ as a formula: such text gets a leading apostrophe. */
const safe = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

/** The matrix as CSV: one row per person, their latest assessment's date, then a column per area. */
export function teamCsv(t: T, found: TeamCompetence): string {
  const header = [t('teamCompetence.csv.name'), t('teamCompetence.csv.assessedOn'), ...areaIds]
  const rows = found.members.map((m) => [
    safe(m.name),
    m.latest?.assessedOn ?? '',
    ...areaIds.map((id) => ratingLabel(t, m.latest?.ratings[id])),
  ])
  return writeCsv([header, ...rows])
}

/** The API's shape: ratings by area use the stored codes; an area not rated is absent. */
export function teamJson(found: TeamCompetence) {
  return {
    team: found.team && { id: found.team.id, name: found.team.name, nameCy: found.team.name_cy },
    members: found.members.map((m) => ({
      id: m.id,
      name: m.name,
      assessedOn: m.latest?.assessedOn ?? null,
      ratings: m.latest ? { ...m.latest.ratings } : {},
    })),
    coverage: found.coverage,
    trainingNeeds: found.needs,
  }
}
