import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { themeCodes } from '../directory/matching/themes.js'
import { latestThemesOf } from './repository.js'

describe('the latest conversation’s themes, from conversations already read', () => {
  it('takes the newest conversation that has themes, in the themes’ own order, and null when none has', () => {
    const newestFirst = [
      { themes: [] },
      { themes: ['mental_wellbeing', 'not-a-theme', 'reduce_isolation'] },
      { themes: ['money_and_debt'] },
    ]
    assert.deepEqual(latestThemesOf(newestFirst), ['reduce_isolation', 'mental_wellbeing'])
    assert.deepEqual(
      latestThemesOf(newestFirst),
      themeCodes.filter((c) => c === 'reduce_isolation' || c === 'mental_wellbeing'),
    )
    assert.equal(latestThemesOf([{ themes: [] }]), null)
    assert.equal(latestThemesOf([]), null)
  })
})
