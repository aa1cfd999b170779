import { framework, titleOf } from '../competence-framework/contract.js'
import type { AreaId } from '../competence/areas.js'

/** The framework's area and domain titles for the matrix's headers, from its reference data (issue 8 §1). */
export const areaTitle = (id: AreaId, lang: 'cy' | 'en'): string => titleOf(id, lang) || id
export const domainTitle = (domain: number, lang: 'cy' | 'en'): string =>
  framework.domains.find((d) => d.number === domain)?.title[lang] ?? String(domain)
