import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { statements } from './statements.js'

/**
 * Reads the verbatim appendix a second way, independent of generate-statements.ts: split on tabs, the first cell
 * holding "<cluster> <number>", and compare every cell of all 125 rows with statements.json.
 */
const appendix = readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference', 'appendix-five.md'),
  'utf8',
)
const header = 'Cluster\tStatement\tBridging value\tImportance\tEase of collection\tType of data\tRDA question'
const lines = appendix.split('\n')
const dataLines = lines.filter((line) => /^\d /.test(line))
const rows = dataLines.map((line) => {
  const [first = '', ...rest] = line.split('\t')
  return [...first.split(' '), ...rest]
})

describe('Appendix Five as published', () => {
  it('is the appendix from its heading to the Key', () => {
    assert.equal(lines[0], '## Appendix Five')
    assert.ok(
      appendix.includes(
        '**Key:** ILO = individual-level outcome, NI = national indicator, PLO = population level outcome, PM = performance measure',
      ),
    )
    assert.ok(!appendix.includes('## Appendix Six'))
    // The table is printed in 12 parts, each under the same header (as the source has it).
    assert.equal(lines.filter((l) => l === header).length, 12)
  })

  it('has 125 rows of 8 columns, numbers 1 to 125 each exactly once', () => {
    assert.equal(rows.length, 125)
    for (const row of rows) assert.equal(row.length, 8, row.join(' | '))
    const numbers = rows.map((r) => Number(r[1])).sort((a, b) => a - b)
    assert.deepEqual(
      numbers,
      Array.from({ length: 125 }, (_, i) => i + 1),
    )
  })

  it('matches statements.json cell for cell, in published order', () => {
    assert.equal(statements.length, 125)
    rows.forEach(([cluster, number, statement, bridging, importance, ease, type, question], i) => {
      const s = statements[i]
      assert.ok(s, `row ${i}`)
      const label = `#${number}`
      assert.equal(String(s.cluster), cluster, label)
      assert.equal(String(s.number), number, label)
      assert.equal(s.statement, statement, label)
      assert.equal(s.published.bridgingValue, bridging, label)
      assert.equal(s.published.importance, importance, label)
      assert.equal(s.published.easeOfCollection, ease, label)
      assert.equal(s.bridgingValue, Number.parseFloat(bridging ?? ''), label)
      assert.equal(s.importance, Number.parseFloat(importance ?? ''), label)
      assert.equal(s.easeOfCollection, Number.parseFloat(ease ?? ''), label)
      assert.equal(s.typeOfData, type, label)
      assert.equal(s.rbaQuestion, question, label)
      assert.deepEqual(Object.keys(s).sort(), [
        'bridgingValue',
        'cluster',
        'easeOfCollection',
        'importance',
        'number',
        'published',
        'rbaQuestion',
        'statement',
        'typeOfData',
      ])
    })
  })

  it('keeps known cells exactly as printed', () => {
    const of = (n: number) => statements.find((s) => s.number === n)
    assert.deepEqual(of(108)?.published, { bridgingValue: '0.38', importance: '4.50', easeOfCollection: '3.79' })
    assert.equal(of(16)?.rbaQuestion, 'N/A')
    assert.equal(of(110)?.typeOfData, 'ILO & PMO')
    assert.equal(of(85)?.bridgingValue, 1)
    assert.equal(of(38)?.statement, 'Type of outdoor setting prescribed (i.e. park, coast, woodland etc.)')
    assert.equal(statements[124]?.number, 38)
  })
})
