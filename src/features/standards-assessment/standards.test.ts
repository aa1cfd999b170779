import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { sections, statementIds } from './standards.js'

/*
 * The statements must be the document's own, all of them, in order. The check reads the committed copy of the
 * document independently of reference/extract.mjs: every numbered paragraph of each "How this works in practice"
 * section and of the enabling components, found by its number, must be a statement with the same words.
 */
const seed = readFileSync(new URL('./reference/core-standards-2026.txt', import.meta.url), 'utf8').split('\n')
const plain = (s: string) => s.replace(/<sup>[^<]*<\/sup>/g, '').replace(/\\\*/g, '').replace(/\*/g, '').replace(/\s+/g, ' ').trim()
const paragraphText = (n: number) => {
  const line = seed.find((l) => l.trim().startsWith(`${n}. `))
  assert.ok(line, `paragraph ${n} in the document`)
  return plain(line.trim().slice(`${n}. `.length))
}

const expected: Record<string, number[]> = {
  S1: [26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36],
  S2: [41],
  S3: [49, 50, 51, 52, 53, 54, 55, 56],
  S4: [59, 60, 61, 62, 63],
  S5: [71, 72, 73, 74, 75, 76, 77],
  S6: [80, 81, 82, 83, 84],
  'E-environment': [87, 88, 89, 90],
  'E-workforce': [91, 92, 93],
  'E-leadership': [94, 95, 96, 97],
  'E-community_assets': [98],
  'E-communication': [99, 100],
}

describe('Core Standards reference data', () => {
  it('has the six standards and the five enabling components, in the document’s order', () => {
    assert.deepEqual(sections.map((s) => s.id), Object.keys(expected))
    assert.deepEqual(sections.map((s) => s.title), ['Person-centred approach', 'Address inequalities', 'Safeguarding and managing risk', 'Trauma informed and relationship-focused', 'Life course approach', 'Welsh language', 'Environmental sustainability', 'Workforce', 'Leadership', 'Community Assets', 'Communication and collaboration'])
    for (const s of sections) assert.ok(s.titleCy && s.summary && s.inPractice, s.id)
  })

  it('has every numbered paragraph of those sections, in order, word for word', () => {
    for (const s of sections) {
      assert.deepEqual(s.statements.map((st) => st.paragraph), expected[s.id], s.id)
      for (const st of s.statements) {
        assert.equal(st.id, `${s.kind === 'standard' ? s.id : 'E'}.${st.paragraph}`)
        assert.equal(st.text, paragraphText(st.paragraph), st.id)
      }
    }
    assert.equal(statementIds.length, 51)
    assert.equal(new Set(statementIds).size, 51)
  })

  it('keeps the bulleted items: §41’s six and Leadership and Governance’s a, b and c', () => {
    const of = (id: string) => sections.flatMap((s) => s.statements).find((st) => st.id === id)
    assert.equal(of('S2.41')?.items.length, 6)
    assert.match(of('S2.41')?.items[1] ?? '', /^Common barriers such as transport/)
    assert.deepEqual(of('E.95')?.items.map((i) => i.slice(0, 3)), ['a. ', 'b. ', 'c. '])
    assert.match(of('E.95')?.items[0] ?? '', /Third Sector Funding Code\.$/)
    assert.equal(sections.flatMap((s) => s.statements).filter((st) => st.items.length).length, 2)
  })

  it('takes each section’s summary from Appendix One', () => {
    assert.equal(sections[5]?.summary, 'Access through the medium of Welsh is a right and a need, supporting dignity and person-centred care.')
    assert.equal(sections[7]?.inPractice, 'Staff demonstrate skills in motivational interviewing, trauma informed practice, and addressing inequalities.')
  })
})
