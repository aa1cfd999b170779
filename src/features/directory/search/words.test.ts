import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MAX_QUERY_WORDS, queryWords, rankOf } from './words.js'

describe('directory word search: the rule', () => {
  it('splits the query the way search_words splits search_text, once per word, in the order typed', () => {
    assert.deepEqual(queryWords('grwp te & sgwrs'), ['grwp', 'te', 'sgwrs'])
    assert.deepEqual(queryWords("people's walk-and-talk walk"), ['people', 's', 'walk', 'and', 'talk'])
    assert.deepEqual(queryWords(' & '), [])
    assert.equal(queryWords('a b c d e f g h i j k').length, MAX_QUERY_WORDS)
  })

  it('needs every query word and ranks by the mean of each word best match', () => {
    const matched = [
      { word: 'comunity', matches: [{ word: 'community', similarity: 0.8 }, { word: 'communities', similarity: 0.5 }] },
      { word: 'garden', matches: [{ word: 'garden', similarity: 1 }, { word: 'gardens', similarity: 0.7 }] },
    ]
    assert.equal(rankOf(matched, ['community', 'garden', 'communities']), 0.9)
    assert.equal(rankOf(matched, ['communities', 'gardens']), 0.6)
    assert.equal(rankOf(matched, ['community', 'cafe']), null)
    assert.equal(rankOf([], ['garden']), null)
  })
})
