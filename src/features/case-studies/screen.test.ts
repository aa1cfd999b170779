import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { mutations, screenText } from './screen.js'

const person = { given_name: 'Megan', family_name: 'ap Llŷr', postcode: 'CF10 1AB', nhs_number: '9434765919' }
const kinds = (text: string, p: typeof person | null = person) => screenText(text, p).map((w) => w.kind)

describe('the automatic anonymisation screen', () => {
  it('finds nothing in an anonymised story', () => {
    assert.deepEqual(kinds('A woman in her seventies found a choir near home and now sings every week.'), [])
  })

  it('finds the linked person’s names, whole words only, with or without accents', () => {
    assert.deepEqual(kinds('Megan joined the walking group.'), ['given_name'])
    assert.deepEqual(kinds('Mrs Llyr said it helped.'), ['family_name'])
    assert.deepEqual(kinds('The megaphone was loud.'), [], 'part of a word is not the name')
    assert.deepEqual(kinds('Megan joined.', null), [], 'no linked person, no names to look for')
  })

  it('finds names in their Welsh mutated forms', () => {
    assert.ok(mutations('Catrin').includes('gatrin'))
    assert.ok(mutations('Catrin').includes('nghatrin'))
    assert.ok(mutations('Llŷr').includes('lyr'))
    assert.deepEqual(kinds('Aeth hi gyda Fegan i’r côr.'), ['given_name'])
  })

  it('finds initials written as initials', () => {
    assert.deepEqual(kinds('M.L. came to every session.'), ['initials'])
    assert.deepEqual(kinds('ML came to every session.'), ['initials'])
  })

  it('finds the person’s postcode however it is spaced, and anything shaped like one', () => {
    assert.deepEqual(kinds('She lives at cf101ab.'), ['postcode'])
    assert.deepEqual(screenText('Near LL55 4UR', person), [{ kind: 'postcode', found: 'LL55 4UR' }])
  })

  it('finds NHS numbers, spaced or not', () => {
    assert.deepEqual(kinds('NHS 943 476 5919'), ['nhs_number'])
    assert.deepEqual(kinds('ref 9434765919'), ['nhs_number'])
  })

  it('finds dates in numbers and words, English and Welsh', () => {
    for (const text of [
      'on 12/03/2024',
      'on 2024-03-12',
      'on 3 March',
      'on 12th of May 2025',
      'ar 3 Mawrth',
      'March 12th',
    ])
      assert.deepEqual(kinds(text), ['date'], text)
    assert.deepEqual(kinds('In the spring she may join.'), [])
    assert.deepEqual(kinds('Dydd Mawrth oedd hi.'), [], 'a month name without a day is not a date')
  })
})
