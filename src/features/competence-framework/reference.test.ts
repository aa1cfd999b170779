/**
 * framework.json against the copied seed, parsed here a second, simpler way (issue 8 §1): area ids and titles in
 * order, the number of statements per area, and every word of every area kept in order.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { areaIds } from '../competence/areas.js'
import { areaOf, domainOf, framework, sectionsOf, titleOf } from './contract.js'

const seed = readFileSync(new URL('./reference/competences-2023.txt', import.meta.url), 'utf8').split('\n')
const unlink = (s: string) => s.replace(/\[(.*?[^\\])\]\(#\)/g, '$1').replace(/\\([[\]()])/g, '$1')
const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

// The body starts at the second "1.1." line: the first is the contents page.
const areaHeader = /^(\d)\.(\d)\. (?:([abc])\) )?(.*)$/
const domainHeader = /^(\d)\. (.*)$/
const firstArea = seed.findIndex((l, i) => i > seed.findIndex((x) => x.startsWith('1.1. ')) && l.startsWith('1.1. '))
const sections: { id: string; title: string; lines: string[] }[] = []
const domainTitles: string[] = []
for (const line of seed.slice(firstArea - 2)) {
  const area = line.match(areaHeader)
  const domain = !area && line.match(domainHeader)
  if (area) sections.push({ id: `${area[1]}.${area[2]}${area[3] ?? ''}`, title: area[4]!.trim(), lines: [] })
  else if (domain) domainTitles.push(domain[2]!.trim())
  else if (line.trim()) sections.at(-1)?.lines.push(line)
}
const isBullet = (l: string) => /^ ?- /.test(l)
/** "An ability …", "When …, an ability …", "Ability to …", and the one "Knowledge of factors … such as being:". */
const isStatementLine = (l: string) => !isBullet(l) && /^[A-Z]/.test(l) && (/\bability\b/i.test(l) || l.endsWith(':'))
const areas = framework.domains.flatMap((d) => d.areas)

describe('the Competence Framework reference data against its source', () => {
  it('has the seven domains with their titles', () => {
    assert.deepEqual(
      framework.domains.map((d) => d.title.en),
      domainTitles,
    )
    assert.deepEqual(
      framework.domains.map((d) => d.number),
      [1, 2, 3, 4, 5, 6, 7],
    )
    assert.equal(domainTitles[6], 'Meta-competences (judgement calls)')
  })

  it('has all 31 areas in order, the ids of competence/areas.ts, each with its title and statements', () => {
    assert.equal(sections.length, 31)
    assert.deepEqual(
      sections.map((s) => s.id),
      [...areaIds],
    )
    assert.deepEqual(
      areas.map((a) => a.id),
      [...areaIds],
    )
    for (const [i, s] of sections.entries()) {
      assert.equal(areas[i]!.title.en, s.title, s.id)
      assert.ok(areas[i]!.statements.length > 0, s.id)
      assert.ok(areas[i]!.title.cy && areas[i]!.title.cy !== s.title, `${s.id} has a Welsh title`)
    }
  })

  it('has as many statements in each area as the source has "An ability" paragraphs', () => {
    for (const [i, s] of sections.entries())
      assert.equal(areas[i]!.statements.length, s.lines.filter(isStatementLine).length, s.id)
    assert.equal(
      areas.reduce((n, a) => n + a.statements.length, 0),
      283,
    )
    assert.equal(areaOf('1.1')!.statements.length, 13)
    assert.equal(areaOf('7.1')!.statements.length, 18)
  })

  it('keeps every word of every area, in order, links as plain text', () => {
    for (const [i, s] of sections.entries()) {
      const source = squash(s.lines.map((l) => unlink(l).replace(/^ ?- /, '')).join(' '))
      const kept = squash(
        sectionsOf(areas[i]!)
          .flatMap((sec) => [
            sec.heading ?? '',
            ...sec.notes,
            ...sec.statements.flatMap((st) => [st.text, ...st.items.flatMap((it) => [it.text, ...(it.items ?? [])])]),
          ])
          .join(' '),
      )
      assert.equal(kept, source, s.id)
    }
  })

  it('keeps headings and bullet points with the statement they belong to', () => {
    const first = areaOf('1.1')!.statements[0]!
    assert.equal(first.heading, 'The legislative and strategic context')
    assert.equal(first.items.length, 2)
    assert.match(
      first.items[0]!.text,
      /^that it is a way of furthering .*\(the Wellbeing of Future Generations \[Wales\] Act 2015 and/,
    )
    const business = areaOf('2.6')!.statements.find((s) => s.heading === 'Making the case')!
    const evidence = business.items.find((it) => it.text.startsWith('an outline of the evidence-base'))!
    assert.deepEqual(
      evidence.items?.[2],
      'costed estimates (based on research studies) of likely net returns on investment in social prescribing, for example through:',
    )
    assert.equal(framework.corePhilosophy.statements.length, 5)
  })

  it('answers other features by area id', () => {
    assert.equal(titleOf('1.2a', 'en'), 'Knowledge of the principles of a person-centred approach')
    assert.equal(titleOf('5.4', 'cy'), 'Cyfeirio')
    assert.equal(titleOf('9.9', 'en'), '')
    assert.equal(domainOf('2.7b')!.number, 2)
    assert.equal(areaOf('nope'), undefined)
  })
})
