import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { I18n } from '../../platform/i18n/i18n.js'
import { computedMeasureIds, coverageOf, definitionKey, statementOfMeasure } from './contract.js'
import { coverage, coverageSummary, outsideReasonKey, outsideReasons } from './coverage.js'
import { matches, parseFilter } from './present.js'
import { statements } from './statements.js'

const numbers = (status: string) =>
  [...coverage.entries()]
    .filter(([, c]) => c.status === status)
    .map(([n]) => n)
    .sort((a, b) => a - b)

describe('Core Data Set coverage', () => {
  it('gives every statement a coverage, 118 of 125 covered', () => {
    for (const s of statements) assert.ok(coverageOf(s.number), `#${s.number}`)
    assert.equal(coverageOf(126), undefined)
    assert.deepEqual(coverageSummary(), { total: 125, computed: 102, recorded: 16, outside: 7 })
    const { computed, recorded } = coverageSummary()
    assert.ok(computed + recorded >= 110)
  })

  it('follows the coverage plan: 7 outside, #19 and the returns recorded', () => {
    assert.deepEqual(numbers('outside'), [39, 56, 66, 67, 75, 85, 90])
    assert.deepEqual(numbers('recorded'), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15, 19, 26, 28, 29])
    assert.deepEqual(coverageOf(85), { status: 'outside', reason: 'national_indicators' })
    assert.deepEqual(coverageOf(10), {
      status: 'recorded',
      field: 'service_returns.running_costs_pence',
      measureIds: ['cds10'],
    })
    assert.equal(coverageOf(68)?.status, 'computed')
    assert.equal(coverageOf(69)?.status, 'computed')
  })

  it('names a cds<N> measure for every computed statement, plus the shared ones', () => {
    for (const [n, c] of coverage) {
      if (c.status !== 'computed') continue
      assert.ok(c.measureIds.length > 0, `#${n}`)
      assert.ok(
        c.measureIds.some((id) => new RegExp(`^cds${n}(\\.[a-z0-9_]+)?$`).test(id)),
        `#${n}: ${c.measureIds.join()}`,
      )
      for (const id of c.measureIds) assert.match(id, /^(cds\d{1,3}(\.[a-z0-9_]+)?|funnel|carbon|green_blue)$/)
    }
    assert.deepEqual(coverageOf(121), { status: 'computed', measureIds: ['cds121', 'funnel'] })
    assert.deepEqual(coverageOf(38), { status: 'computed', measureIds: ['cds38', 'green_blue'] })
    const ids = computedMeasureIds()
    assert.equal(ids.length, 102 + 3)
    assert.ok(ids.includes('cds91') && ids.includes('carbon') && !ids.includes('cds10'))
    assert.equal(statementOfMeasure('cds91.swemwbs')?.number, 91)
    assert.equal(statementOfMeasure('funnel'), undefined)
  })

  it('has a definition for every statement and a text for every reason, in English and Welsh', () => {
    const i18n = new I18n()
    for (const s of statements) {
      assert.equal(definitionKey(s.number), `coreDataSet.definition.cds${s.number}`)
      for (const lang of ['en', 'cy'] as const)
        assert.ok(i18n.has(lang, definitionKey(s.number)), `${lang} #${s.number}`)
      assert.notEqual(i18n.translate('en', definitionKey(s.number)), i18n.translate('cy', definitionKey(s.number)))
    }
    for (const reason of outsideReasons)
      for (const lang of ['en', 'cy'] as const) assert.ok(i18n.has(lang, outsideReasonKey(reason)))
    assert.match(i18n.translate('en', definitionKey(93)), /to be confirmed/)
  })

  it('filters by cluster, question, type of data and coverage', () => {
    const pick = (query: Record<string, string>) =>
      statements.filter((s) => matches(s, parseFilter(query))).map((s) => s.number)
    assert.equal(pick({}).length, 125)
    assert.equal(pick({ cluster: '2' }).length, 13)
    assert.deepEqual(pick({ question: 'na' }), [16])
    assert.deepEqual(pick({ type: 'ILO & PMO' }), [110])
    assert.deepEqual(
      pick({ coverage: 'outside' }).sort((a, b) => a - b),
      [39, 56, 66, 67, 75, 85, 90],
    )
    assert.deepEqual(
      pick({ cluster: '3', coverage: 'outside' }).sort((a, b) => a - b),
      [56, 85],
    )
    // Values the form does not offer are ignored rather than refused.
    assert.equal(pick({ cluster: '9', question: 'why', coverage: 'maybe' }).length, 125)
  })
})

describe('the report questions of the statements', () => {
  it('puts Table 2 measures under Table 2 questions and the rest under Appendix Five', async () => {
    const { inTable2, reportQuestionOf } = await import('./contract.js')
    assert.equal(reportQuestionOf(91), 'how_well')
    assert.equal(reportQuestionOf(108), 'how_well')
    assert.equal(reportQuestionOf(82), 'better_off')
    assert.equal(reportQuestionOf(16), 'how_much')
    assert.equal(reportQuestionOf(1), 'better_off')
    assert.equal(reportQuestionOf(52), 'how_well')
    assert.equal(reportQuestionOf(126), undefined)
    assert.equal(statements.filter((s) => inTable2(s.number)).length, 15)
  })
})
