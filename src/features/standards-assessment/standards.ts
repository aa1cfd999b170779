import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/*
 * The statements an organisation rates: the Core Standards' "How this works in practice" paragraphs and the
 * enabling components' paragraphs, extracted word for word by reference/extract.mjs (see reference/SOURCE.md).
 */
export interface Statement {
  id: string
  paragraph: number
  text: string
  items: string[]
}
export interface Section {
  id: string
  kind: 'standard' | 'component'
  number?: number
  title: string
  titleCy: string
  summary: string
  inPractice: string
  statements: Statement[]
}

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference', 'standards.json')
export const sections: readonly Section[] = (JSON.parse(readFileSync(file, 'utf8')) as { sections: Section[] }).sections

export const statementIds: readonly string[] = sections.flatMap((s) => s.statements.map((st) => st.id))
const known = new Set(statementIds)
export const isStatementId = (value: unknown): value is string => typeof value === 'string' && known.has(value)

export const sectionOf = (statementId: string) => sections.find((s) => s.statements.some((st) => st.id === statementId))
export const sectionTitle = (section: Section, lang: 'cy' | 'en') => (lang === 'cy' ? section.titleCy : section.title)
