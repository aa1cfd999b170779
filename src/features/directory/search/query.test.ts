import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { plannedServices } from '../demo/load.js'
import { uuidV5 } from '../demo/uuid.js'
import { inLanguage, kilometres } from './present.js'
import { daysOf, MAX_PER_PAGE, nextDay, parseSearch, searchQueryString, tidyPostcode } from './query.js'
import { buildSearch } from './repository.js'

const db = new Kysely<DB>({ dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() } })
const codes = ['green', 'blue']

describe('directory search: reading the query', () => {
  it('normalises Welsh words the way search_text is made (ŵ = w, â = a)', () => {
    const { query, errors } = parseSearch({ q: '  Grŵp Cân  ' }, codes)
    assert.deepEqual(errors, [])
    assert.equal(query.words, 'Grŵp Cân')
    assert.equal(query.normalised, 'grwp can')
  })

  it('reads every filter and leaves out unknown ones with an error', () => {
    const { query, errors } = parseSearch({ category: 'green', lifeStage: 'older_people', welsh: ['welsh_medium', 'bilingual'], access: 'step_free', free: 'yes', day: ['MO', 'SA'], attending: 'online' }, codes)
    assert.deepEqual(errors, [])
    assert.equal(query.category, 'green')
    assert.deepEqual(query.welsh, ['welsh_medium', 'bilingual'])
    assert.deepEqual(query.access, ['step_free'])
    assert.deepEqual(query.days, ['MO', 'SA'])
    assert.equal(query.freeOnly, true)
    const bad = parseSearch({ category: 'purple', day: 'XX', lifeStage: 'babies' }, codes)
    assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['category', 'day', 'lifeStage'])
  })

  it('refuses coordinates out of range or half a pair, and sorting by distance without a place', () => {
    assert.equal(parseSearch({ lat: '91', lon: '0' }, codes).errors[0]?.field, 'lat')
    assert.equal(parseSearch({ lat: '51', lon: '-181' }, codes).errors[0]?.field, 'lon')
    assert.equal(parseSearch({ lat: 'north', lon: '3' }, codes).errors[0]?.field, 'lat')
    assert.equal(parseSearch({ lat: '51' }, codes).errors[0]?.key, 'directory.search.errors.coordinatePair')
    assert.equal(parseSearch({ sort: 'distance' }, codes).errors[0]?.key, 'directory.search.errors.distanceNeedsPlace')
    const ok = parseSearch({ lat: '51.48', lon: '-3.18' }, codes)
    assert.deepEqual(ok.errors, [])
    assert.equal(ok.query.sort, 'distance')
  })

  it('caps perPage and refuses pages out of range', () => {
    assert.equal(parseSearch({ perPage: '5000' }, codes).query.perPage, MAX_PER_PAGE)
    assert.equal(parseSearch({ perPage: '0' }, codes).errors[0]?.field, 'perPage')
    assert.equal(parseSearch({ page: '0' }, codes).errors[0]?.field, 'page')
    assert.equal(parseSearch({ page: '2.5' }, codes).errors[0]?.field, 'page')
  })

  it('tidies postcodes and districts, and refuses what is not one', () => {
    assert.equal(tidyPostcode('cf101aa'), 'CF10 1AA')
    assert.equal(tidyPostcode(' ll55 '), 'LL55')
    assert.equal(tidyPostcode('hello'), null)
    assert.equal(parseSearch({ postcode: 'not a postcode' }, codes).errors[0]?.field, 'postcode')
  })

  it('writes the query string back, leaving out defaults', () => {
    const { query } = parseSearch({ q: 'côr', day: ['TU'], postcode: 'CF10 1AA', page: '2' }, codes)
    assert.equal(searchQueryString(query), '?q=c%C3%B4r&day=TU&postcode=CF10+1AA&page=2')
    assert.equal(searchQueryString(query, 1), '?q=c%C3%B4r&day=TU&postcode=CF10+1AA')
  })
})

describe('directory search: the SQL', () => {
  it('looks services up by the words each query word matched, every query word needed, ranked by the matches', () => {
    const { query } = parseSearch({ q: 'Grŵp cerdded' }, codes)
    const matched = [
      { word: 'grwp', matches: [{ word: 'grwp', similarity: 1 }, { word: 'grwpiau', similarity: 0.5 }] },
      { word: 'cerdded', matches: [{ word: 'cerdded', similarity: 1 }] },
    ]
    const compiled = buildSearch(db, query, null, matched).compile()
    // One && per query word, so the GIN index on search_words answers each (docs/adr/0009-word-search.md).
    assert.equal(compiled.sql.match(/services\.search_words && array\[/g)?.length, 2)
    assert.doesNotMatch(compiled.sql, /search_text/)
    // The bare similarity operator breaks PGlite on disk (docs/adr/0006): it must never come back.
    assert.doesNotMatch(compiled.sql, /[^<]% /)
    assert.match(compiled.sql, /order by "rank" desc/)
    assert.ok(compiled.parameters.includes('grwpiau'))
    assert.match(compiled.sql, /"services"\."status" = \$\d+ and "services"\."published" = \$\d+/)
    // A query word that matched nothing finds nothing.
    const none = buildSearch(db, query, null, [{ word: 'xyzzy', matches: [] }]).compile()
    assert.match(none.sql, /false/)
  })

  it('measures distance inside an earth_box so the gist index is used, and sorts by it', () => {
    const { query } = parseSearch({ lat: '51.48', lon: '-3.18', within: '10', category: 'green' }, codes)
    const compiled = buildSearch(db, query, { latitude: 51.48, longitude: -3.18 }, []).compile()
    assert.match(compiled.sql, /earth_box\(location_earth\(\$\d+::float8, \$\d+::float8\), \$\d+::float8\) @> location_earth\(l\.latitude, l\.longitude\)/)
    assert.match(compiled.sql, /order by near\.metres asc nulls last/)
    assert.ok(compiled.parameters.includes(10000))
    assert.match(compiled.sql, /"tt"\."code" = \$\d+/)
  })

  it('applies each filter', () => {
    const { query } = parseSearch({ lifeStage: 'adults', welsh: 'welsh_medium', access: ['step_free', 'parking'], free: 'yes', day: 'MO', attending: 'online' }, codes)
    const sql = buildSearch(db, query, null, []).compile().sql
    assert.match(sql, /services\.life_stages @> array\[/)
    assert.match(sql, /"services"\."welsh_provision" in/)
    assert.match(sql, /services\.accessibility_features @> array\[/)
    assert.match(sql, /services\.attending_types && array\[/)
    assert.match(sql, /"services"\."free_or_low_cost" = /)
    assert.match(sql, /string_to_array\(upper\(replace\(s\.byday/)
  })
})

describe('directory search: presenting', () => {
  it('finds the next session day from today', () => {
    const tuesday = new Date('2026-11-24T12:00:00Z')
    assert.deepEqual(nextDay(['MO,TH'], tuesday), { day: 'TH', inDays: 2 })
    assert.deepEqual(nextDay(['TU'], tuesday), { day: 'TU', inDays: 0 })
    assert.deepEqual(nextDay(['MO'], tuesday), { day: 'MO', inDays: 6 })
    assert.equal(nextDay([null], tuesday), null)
    assert.deepEqual(daysOf('SA, 1MO,xx'), ['MO', 'SA'])
  })

  it('shows the other language with a note when one is missing', () => {
    assert.deepEqual(inLanguage('cy', 'Rowing', null), { text: 'Rowing', missingIn: 'cy' })
    assert.deepEqual(inLanguage('en', null, 'Gwau'), { text: 'Gwau', missingIn: 'en' })
    assert.deepEqual(inLanguage('cy', 'Walks', 'Teithiau'), { text: 'Teithiau', missingIn: null })
    assert.equal(kilometres(2345, 'en'), '2.3')
  })
})

describe('demo directory plan', () => {
  it('has at least 60 services with stable ids', () => {
    const planned = plannedServices()
    assert.ok(planned.length >= 60, `only ${planned.length}`)
    assert.equal(new Set(planned.map((p) => p.key)).size, planned.length)
    assert.equal(uuidV5('service/cardiff/walks'), uuidV5('service/cardiff/walks'))
    assert.match(uuidV5('x'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
