/**
 * The Competence Framework for Social Prescribing Practitioners in Wales (2023) as reference data, for other
 * features: self-assessment, the team view, supervision and development plans name areas by id (competence/areas.ts)
 * and read their titles and statements here. framework.json is made by reference/extract.ts from the seed text.
 */
import { readFileSync } from 'node:fs'
import { areaIds, type AreaId } from '../competence/areas.js'

export type Lang = 'en' | 'cy'
export interface Bilingual {
  en: string
  cy: string
}
/** A bullet point of a statement; the source nests a few (`items`). */
export interface StatementItem {
  text: string
  items?: string[]
}
/** One "An ability to …" paragraph, in English (the framework is published in English only). */
export interface Statement {
  heading: string | null
  text: string
  items: StatementItem[]
}
/** Explanatory prose under a heading, shown before that heading's statements. */
export interface Note {
  heading: string | null
  text: string
}
export interface Area {
  id: AreaId
  title: Bilingual
  headings: string[]
  notes: Note[]
  statements: Statement[]
}
export interface Domain {
  number: number
  title: Bilingual
  areas: Area[]
}
export interface Framework {
  title: string
  published: string
  corePhilosophy: { title: string; statements: Statement[] }
  domains: Domain[]
}

export const framework = JSON.parse(
  readFileSync(new URL('./reference/framework.json', import.meta.url), 'utf8'),
) as Framework

const areasById = new Map<string, { area: Area; domain: Domain }>(
  framework.domains.flatMap((domain) => domain.areas.map((area) => [area.id, { area, domain }] as const)),
)
// The stored ids and the reference data must agree; a mismatch is a bug to catch at start-up, not on a page.
if (areasById.size !== areaIds.length || areaIds.some((id) => !areasById.has(id)))
  throw new Error('competence-framework: framework.json areas differ from competence/areas.ts')

export const areaOf = (id: string): Area | undefined => areasById.get(id)?.area
export const domainOf = (id: string): Domain | undefined => areasById.get(id)?.domain

/** An area's title ('1.2a' → "Knowledge of the principles of a person-centred approach"), or '' for an unknown id. */
export const titleOf = (id: string, lang: Lang): string => areasById.get(id)?.area.title[lang] ?? ''

/** An area's statements grouped under its headings, in the source's order, each with the notes that introduce it. */
export function sectionsOf(area: Area): { heading: string | null; notes: string[]; statements: Statement[] }[] {
  return (
    [null, ...area.headings]
      .map((heading) => ({
        heading,
        notes: area.notes.filter((n) => n.heading === heading).map((n) => n.text),
        statements: area.statements.filter((s) => s.heading === heading),
      }))
      // A heading can stand alone, over the next sub-heading (1.6 "Promoting behavioural change"): keep it.
      .filter((s) => s.heading !== null || s.notes.length || s.statements.length)
  )
}
