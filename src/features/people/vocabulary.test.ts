import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { I18n } from '../../platform/i18n/i18n.js'
import { declineReasons, referralReasons, referralRoutes, urgencies, contactAttemptModes } from '../referrals/vocabulary.js'
import { referralStatuses } from '../../platform/db/schema.js'
import { vocabulary } from './vocabulary.js'

describe('controlled lists', () => {
  const i18n = new I18n()
  it('have a label for every code in both languages', () => {
    const keys = [
      ...Object.entries(vocabulary).flatMap(([list, codes]) => codes.map((code) => `people.options.${list}.${code}`)),
      ...referralReasons.map((c) => `referrals.options.reasons.${c}`),
      ...referralRoutes.map((c) => `referrals.options.routes.${c}`),
      ...urgencies.map((c) => `referrals.options.urgency.${c}`),
      ...declineReasons.map((c) => `referrals.options.declineReasons.${c}`),
      ...referralStatuses.map((c) => `referrals.options.status.${c}`),
      ...contactAttemptModes.map((c) => `referrals.options.contactModes.${c}`),
    ]
    assert.deepEqual(keys.filter((k) => !i18n.has('en', k) || !i18n.has('cy', k)), [])
  })

  it('let everyone decline to state a protected characteristic', () => {
    for (const list of ['sex', 'genderIdentity', 'sexualOrientation', 'ethnicity', 'religion', 'disability', 'pregnancyMaternity', 'maritalStatus'] as const) {
      assert.ok((vocabulary[list] as readonly string[]).includes('prefer_not_to_say'), list)
    }
  })
})
