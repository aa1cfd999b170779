import type { FastifyRequest } from 'fastify'
import { vocabulary } from '../people/vocabulary.js'
import { referralReasons } from '../referrals/vocabulary.js'
import { type Answers, type QuestionStep, text } from './journey.js'
import type { JourneyTools } from './tools.js'

const selected = (values: Answers, field: string): string[] => {
  const value = values[field]
  return Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : []
}

/** Option lists a question page builds from data: labels in the page's language and which are chosen. */
export async function questionContext(tools: JourneyTools, step: QuestionStep, request: FastifyRequest, values: Answers): Promise<Record<string, unknown>> {
  const t = request.t
  switch (step) {
    case 'local-authority': {
      const chosen = text(values, 'localAuthorityCode')
      const authorities = await tools.localAuthorities(request.lang)
      return {
        authorities: [{ value: '', text: t('selfReferral.localAuthority.choose') }, ...authorities.map((la) => ({ value: la.code, text: la.name, selected: la.code === chosen }))],
      }
    }
    case 'help':
      return { reasons: referralReasons.map((code) => ({ value: code, text: t(`referrals.options.reasons.${code}`), checked: selected(values, 'reasons').includes(code) })) }
    case 'carer': {
      const items = (field: string) => vocabulary.yesNoPreferNot.map((code) => ({ value: code, text: t(`people.options.yesNoPreferNot.${code}`), checked: text(values, field) === code }))
      return { isCarerItems: items('isCarer'), hasSupportItems: items('hasSupport') }
    }
    default:
      return {}
  }
}
