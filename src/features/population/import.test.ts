import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseCliArgs } from '../../cli/args.js'
import { bandOfAge, parsePopulationCsv } from './import.js'

describe('population CSV', () => {
  it('puts ages in the report’s bands', () => {
    assert.deepEqual([0, 17, 18, 24, 25, 34, 35, 64, 65, 84, 85, 90].map(bandOfAge), ['0-17', '0-17', '18-24', '18-24', '25-34', '25-34', '35-44', '55-64', '65-74', '75-84', '85+', '85+'])
  })

  it('sums single years of age to bands', () => {
    const parsed = parsePopulationCsv('year,local_authority_code,age,population\n2023,W06000015,18,100\n2023,W06000015,24,50\n2023,W06000015,90,7\n"2023","w06000015","86","3"\n')
    assert.ok(parsed.ok)
    assert.equal(parsed.read, 4)
    assert.deepEqual(
      parsed.rows.map((r) => [r.year, r.localAuthorityCode, r.ageBand, r.sex, r.population]),
      [
        [2023, 'W06000015', '18-24', 'all', 150],
        [2023, 'W06000015', '85+', 'all', 10],
      ],
    )
  })

  it('takes banded files with sex', () => {
    const parsed = parsePopulationCsv('year,local_authority_code,age_band,sex,population\r\n2023,W06000014,85+,F,40\r\n2023,W06000014,85+,male,30\r\n')
    assert.ok(parsed.ok)
    assert.deepEqual(parsed.rows.map((r) => [r.sex, r.population]), [['female', 40], ['male', 30]])
  })

  it('lists every bad row with its line number', () => {
    const parsed = parsePopulationCsv('year,local_authority_code,age,population\n2023,W06000015,18,100\n23,W06000015,18,1\n2023,Cardiff,18,1\n2023,W06000015,old,1\n2023,W06000015,18,-4\n')
    assert.equal(parsed.ok, false)
    assert.ok(!parsed.ok)
    assert.deepEqual(parsed.problems.map((p) => p.split(':')[0]), ['line 3', 'line 4', 'line 5', 'line 6'])
    assert.deepEqual(parsePopulationCsv('year,la,population\n').ok, false)
  })

  it('is a CLI command taking one file', () => {
    assert.deepEqual(parseCliArgs(['import-population', 'mye.csv']), { ok: true, value: { command: 'import-population', file: 'mye.csv' } })
    assert.equal(parseCliArgs(['import-population']).ok, false)
  })
})
