import type { Translate } from '../../platform/i18n/i18n.js'
import type { FollowUpKind } from './schema.js'

export interface FollowUpWhat {
  kind: FollowUpKind
  description: string | null
  service_name: string | null
  service_name_cy: string | null
}

/** What a follow-up is about, in the page's language: the connection's service, the plan review, or the task's own words. */
export function followUpWhat(t: Translate, lang: string, f: FollowUpWhat): string {
  if (f.kind === 'task') return f.description ?? ''
  const words =
    f.kind === 'connection'
      ? t('followUps.what.connection', { service: (lang === 'cy' && f.service_name_cy) || f.service_name || '' })
      : t('followUps.what.plan_review')
  return f.description ? `${words}: ${f.description}` : words
}
