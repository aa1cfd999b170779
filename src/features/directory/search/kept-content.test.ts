import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type ContentKey, keptContent } from './kept-content.js'
import { parseSearch } from './query.js'
import type { SearchPage } from './repository.js'

const page = (): SearchPage => ({ total: 0, rows: [] }) as unknown as SearchPage
const categories: object[] = []
const query = (words: string) => parseSearch({ q: words }, []).query
const key = (over: Partial<ContentKey> = {}): ContentKey => ({
  page: rows,
  categories,
  lang: 'en',
  query: query('walking'),
  origin: null,
  fromDistrict: null,
  today: new Date('2026-12-07T10:00:00Z'),
  ...over,
})
const rows = page()

describe('kept search page content', () => {
  it('renders a search once for the same rows, language, day and query, and again when any of them differs', () => {
    const keep = keptContent()
    let renders = 0
    const render = () => `content ${++renders}`
    assert.equal(keep(key(), render), 'content 1')
    assert.equal(keep(key({ today: new Date('2026-12-07T23:59:00Z') }), render), 'content 1', 'later the same day')
    assert.equal(keep(key({ query: query('walking') }), render), 'content 1', 'an equal query')
    assert.equal(keep(key({ lang: 'cy' }), render), 'content 2')
    assert.equal(keep(key({ today: new Date('2026-12-08T00:00:00Z') }), render), 'content 3', 'the next day (next sessions move)')
    assert.equal(keep(key({ query: query('choir') }), render), 'content 4')
    assert.equal(keep(key({ origin: { latitude: 51.48, longitude: -3.18 } }), render), 'content 5')
    assert.equal(keep(key({ origin: { latitude: 51.48, longitude: -3.18 }, fromDistrict: 'CF10' }), render), 'content 6')
    assert.equal(keep(key({ page: page() }), render), 'content 7', 'rows read again after the directory changed')
    assert.equal(keep(key({ categories: [] }), render), 'content 8', 'the category list read again')
    assert.equal(keep(key(), render), 'content 1', 'the first is still kept')
  })

  it('keeps no more than its size, dropping the least recently used', () => {
    // Each entry is its 2,000 characters of content and a key of a few hundred: four fit in 10,000.
    const keep = keptContent(10_000)
    const render = (n: number) => () => `${n}`.padEnd(2_000, '.')
    for (let n = 0; n < 4; n++) keep(key({ query: query(`w${n}`) }), render(n))
    keep(key({ query: query('w0') }), render(99))
    keep(key({ query: query('w4') }), render(4))
    assert.equal(keep(key({ query: query('w0') }), render(99)).startsWith('0'), true, 'used again, so kept')
    assert.equal(keep(key({ query: query('w1') }), render(99)).startsWith('99'), true, 'the least recently used was dropped')
    assert.equal(keep(key({ query: query('big') }), () => 'x'.repeat(20_000)).length, 20_000, 'too large to keep, still answered')
  })
})
