import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Translate } from '../../../platform/i18n/i18n.js'
import { parseGapQuery, gapsCsv, showGaps, suppressed } from '../gaps/gaps.js'
import { type Candidate, lifeStagesOfAge, matchServices, type PersonNeeds } from './match.js'
import { reasonsLine } from './present.js'
import { parseSuggestionQuery } from './query.js'
import { accessNeedsOf, themeCodes, themes, themesFromReasons, themesOfReason } from './themes.js'

const needs = (over: Partial<PersonNeeds> = {}): PersonNeeds => ({ themes: ['reduce_isolation'], accessNeeds: [], language: 'en', age: 70, located: true, ...over })

let n = 0
const service = (over: Partial<Candidate> = {}): Candidate => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  name: `Service ${n}`,
  nameCy: null,
  status: 'active',
  published: true,
  categories: ['social'],
  accessibilityFeatures: [],
  welshProvision: 'english_only',
  lifeStages: [],
  minimumAge: null,
  maximumAge: null,
  capacityStatus: 'places_available',
  waitingListWeeks: null,
  attendingTypes: ['in_person'],
  metres: 3000,
  located: true,
  ...over,
})

const options = { withinKm: 25, limit: 10 }

/** A stand-in for the catalogue: the reason messages in English and Welsh. */
const messages: Record<string, Record<string, string>> = {
  en: { 'directory.matching.reasons.welsh.welsh_medium': 'Welsh-medium', 'directory.matching.reasons.access.step_free': 'step-free', 'directory.matching.reasons.distance': '{km} km', 'directory.matching.reasons.waitingWeeks': 'waiting list of {count} weeks', 'directory.matching.reasons.full': 'full at present' },
  cy: { 'directory.matching.reasons.welsh.welsh_medium': 'cyfrwng Cymraeg', 'directory.matching.reasons.access.step_free': 'heb risiau', 'directory.matching.reasons.distance': '{km} km', 'directory.matching.reasons.waitingWeeks': 'rhestr aros o {count} wythnos', 'directory.matching.reasons.full': 'llawn ar hyn o bryd' },
}
const translator =
  (lang: 'en' | 'cy'): Translate =>
  (key, params = {}) =>
    (messages[lang]?.[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]))

describe('the What Matters themes and where they come from', () => {
  it('names every theme in both languages and maps it to taxonomy codes of migration 0010', () => {
    const codes = ['green', 'blue', 'creative', 'social', 'physical_activity', 'learning_and_skills', 'money_and_benefits', 'housing', 'employment_and_volunteering', 'peer_support', 'carers_support', 'children_families_play', 'older_people', 'mental_wellbeing', 'long_term_conditions', 'digital_inclusion', 'food']
    assert.ok(themes.length >= 15)
    for (const theme of themes) {
      assert.ok(theme.name && theme.nameCy && (theme.name as string) !== theme.nameCy, theme.code)
      assert.ok(theme.taxonomyCodes.length > 0 && theme.taxonomyCodes.every((c) => codes.includes(c)), theme.code)
    }
    for (const code of ['reduce_isolation', 'be_more_active', 'mental_wellbeing', 'long_term_condition', 'money_and_debt', 'housing', 'work_and_volunteering', 'learning', 'caring_role', 'confidence', 'digital_skills']) assert.ok(themeCodes.includes(code as never), code)
  })

  it('derives themes from referral reasons through the explicit mapping, once each', () => {
    assert.deepEqual(themesFromReasons(['loneliness_isolation', 'social_wellbeing', 'other']), ['reduce_isolation', 'confidence'])
    assert.deepEqual(themesFromReasons(['financial_wellbeing', 'housing', 'made_up']), ['money_and_debt', 'housing'])
    assert.deepEqual(themesOfReason.other, [])
  })

  it('reads access needs from communication needs and disability', () => {
    assert.deepEqual(accessNeedsOf(['bsl', 'easy_read', 'interpreter'], null), ['bsl'])
    assert.deepEqual(accessNeedsOf(['large_print'], 'limited_a_lot'), ['large_print', 'step_free', 'accessible_toilet'])
    assert.deepEqual(accessNeedsOf([], 'limited_a_little'), [])
  })

  it('gives the life stages of an age', () => {
    assert.deepEqual(lifeStagesOfAge(8), ['children'])
    assert.deepEqual(lifeStagesOfAge(16), ['young_people'])
    assert.deepEqual(lifeStagesOfAge(40), ['adults'])
    assert.deepEqual(lifeStagesOfAge(75), ['adults', 'older_people'])
  })
})

describe('matching services to a person', () => {
  it('ranks by themes met first, then nearness, and says why', () => {
    const twoThemes = service({ name: 'Two themes', categories: ['social', 'money_and_benefits'], metres: 20000 })
    const near = service({ name: 'Near', metres: 500 })
    const far = service({ name: 'Far', metres: 15000 })
    const result = matchServices(needs({ themes: ['reduce_isolation', 'money_and_debt'] }), [far, near, twoThemes], options)
    assert.deepEqual(result.map((s) => s.service.name), ['Two themes', 'Near', 'Far'])
    assert.deepEqual(result[0]?.reasons, [{ kind: 'theme', theme: 'reduce_isolation' }, { kind: 'theme', theme: 'money_and_debt' }, { kind: 'distance', metres: 20000 }])
  })

  it('leaves out closed, inactive and unpublished services, and those meeting no theme', () => {
    const kept = service({ name: 'Kept' })
    const result = matchServices(
      needs(),
      [service({ status: 'inactive' }), service({ status: 'temporarily closed' }), service({ status: 'defunct' }), service({ published: false }), service({ categories: ['food'] }), kept],
      options,
    )
    assert.deepEqual(result.map((s) => s.service.name), ['Kept'])
  })

  it('keeps full services and those with a waiting list, below open ones, marked with the weeks', () => {
    const open = service({ name: 'Open' })
    const waiting = service({ name: 'Waiting', capacityStatus: 'waiting_list', waitingListWeeks: 6, metres: 100 })
    const full = service({ name: 'Full', capacityStatus: 'full', metres: 100 })
    const result = matchServices(needs(), [full, waiting, open], options)
    assert.deepEqual(result.map((s) => [s.service.name, s.full]), [['Open', false], ['Waiting', true], ['Full', true]])
    assert.deepEqual(result[1]?.reasons.at(-1), { kind: 'capacity', status: 'waiting_list', weeks: 6 })
    assert.equal(reasonsLine(result[1]?.reasons ?? [], 'en', translator('en')), 'reduce isolation; 0.1 km; waiting list of 6 weeks')
  })

  it('prefers Welsh-medium, then bilingual, services for a Welsh speaker, and says so in Welsh', () => {
    const english = service({ name: 'English', metres: 100 })
    const bilingual = service({ name: 'Bilingual', welshProvision: 'bilingual' })
    const welsh = service({ name: 'Cymraeg', welshProvision: 'welsh_medium', accessibilityFeatures: ['step_free'], metres: 2300 })
    const cy = matchServices(needs({ language: 'cy', accessNeeds: ['step_free'] }), [english, bilingual, welsh], options)
    assert.deepEqual(cy.map((s) => s.service.name), ['Cymraeg', 'Bilingual', 'English'])
    assert.equal(reasonsLine(cy[0]?.reasons ?? [], 'cy', translator('cy')), 'lleihau unigrwydd; cyfrwng Cymraeg; heb risiau; 2.3 km')
    assert.equal(reasonsLine(cy[0]?.reasons ?? [], 'en', translator('en')), 'reduce isolation; Welsh-medium; step-free; 2.3 km')
    // For an English speaker Welsh provision neither helps nor shows; nearness decides.
    const en = matchServices(needs({ accessNeeds: ['step_free'] }), [english, bilingual, welsh], options)
    assert.equal(en[0]?.service.name, 'Cymraeg')
    assert.ok(!en.some((s) => s.reasons.some((r) => r.kind === 'welsh')))
  })

  it('ranks services with the access features a person needs above those without, without hiding them', () => {
    const loop = service({ name: 'Loop', accessibilityFeatures: ['hearing_loop', 'bsl'], metres: 9000 })
    const none = service({ name: 'None', metres: 100 })
    const result = matchServices(needs({ accessNeeds: ['bsl', 'hearing_loop'] }), [none, loop], options)
    assert.deepEqual(result.map((s) => s.service.name), ['Loop', 'None'])
    assert.deepEqual(result[0]?.reasons.filter((r) => r.kind === 'access'), [{ kind: 'access', feature: 'bsl' }, { kind: 'access', feature: 'hearing_loop' }])
  })

  it('leaves out services beyond the distance but keeps those reached by phone or online', () => {
    const beyond = service({ name: 'Beyond', metres: null, located: true })
    const tooFar = service({ name: 'Too far', metres: 30000 })
    const online = service({ name: 'Online', metres: null, located: false, attendingTypes: ['online'] })
    const result = matchServices(needs(), [beyond, tooFar, online], options)
    assert.deepEqual(result.map((s) => s.service.name), ['Online'])
    assert.deepEqual(result[0]?.reasons.at(-1), { kind: 'remote', attending: 'online' })
    // Without a place for the person, distance plays no part.
    assert.equal(matchServices(needs({ located: false }), [beyond, tooFar, online], options).length, 3)
  })

  it('leaves out services whose ages or life stages exclude the person', () => {
    const children = service({ name: 'Children', lifeStages: ['children'] })
    const families = service({ name: 'Families', lifeStages: ['families'] })
    const under25 = service({ name: 'Under 25', maximumAge: 25 })
    const over50 = service({ name: 'Over 50', minimumAge: 50, lifeStages: ['older_people'] })
    assert.deepEqual(matchServices(needs({ age: 70 }), [children, families, under25, over50], options).map((s) => s.service.name).sort(), ['Families', 'Over 50'])
    assert.deepEqual(matchServices(needs({ age: 9 }), [children, families, under25, over50], options).map((s) => s.service.name).sort(), ['Children', 'Families', 'Under 25'])
  })

  it('suggests nothing when no theme is known, and keeps to the limit in a stable order', () => {
    assert.deepEqual(matchServices(needs({ themes: [] }), [service()], options), [])
    const same = [service({ name: 'B', id: 'b' }), service({ name: 'A', id: 'a' }), service({ name: 'C', id: 'c' })]
    assert.deepEqual(matchServices(needs(), same, { withinKm: 25, limit: 2 }).map((s) => s.service.name), ['A', 'B'])
  })

  it('checks within and limit', () => {
    assert.deepEqual(parseSuggestionQuery({}), { withinKm: 25, limit: 10, errors: [] })
    assert.deepEqual(parseSuggestionQuery({ within: '5', limit: '3' }).errors, [])
    assert.deepEqual(parseSuggestionQuery({ within: '0', limit: '51' }).errors.map((e) => e.field), ['within', 'limit'])
    assert.deepEqual(parseSuggestionQuery({ within: '2.5', limit: 'ten' }).errors.map((e) => e.field), ['within', 'limit'])
    assert.deepEqual(parseSuggestionQuery({ within: '201' }).errors.map((e) => e.field), ['within'])
  })
})

describe('gaps in provision, as shown', () => {
  it('accepts only the offered distances and known authorities', () => {
    assert.deepEqual(parseGapQuery({}, ['W06000015']), { query: { withinKm: 10, localAuthority: null }, errors: [] })
    assert.deepEqual(parseGapQuery({ within: '25', la: 'W06000015' }, ['W06000015']).query, { withinKm: 25, localAuthority: 'W06000015' })
    assert.deepEqual(parseGapQuery({ within: '3', la: 'W06999999' }, ['W06000015']).errors.map((e) => e.field), ['within', 'la'])
  })

  it('suppresses every count under 5 and writes CSV safely', () => {
    assert.equal(suppressed(0), null)
    assert.equal(suppressed(4), null)
    assert.equal(suppressed(5), 5)
    const rows = showGaps([{ localAuthorityCode: 'W06000015', localAuthorityName: 'Cardiff', localAuthorityNameCy: 'Caerdydd', theme: 'reduce_isolation', people: 7, unmet: 3 }], 'cy')
    assert.deepEqual(rows, [{ localAuthorityCode: 'W06000015', localAuthority: 'Caerdydd', themeCode: 'reduce_isolation', theme: 'Lleihau unigrwydd', people: 7, unmet: null }])
    assert.equal(gapsCsv(rows, ['a', 'b,c', '=d', 'e', 'f', 'g'], 'llai na 5'), `a,"b,c",'=d,e,f,g\r\nW06000015,Caerdydd,reduce_isolation,Lleihau unigrwydd,7,llai na 5\r\n`)
  })
})
