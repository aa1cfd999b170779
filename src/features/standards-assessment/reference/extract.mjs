// Extracts the statements an organisation rates from the committed copy of the Core Standards and Values for Social
// Prescribing in Wales (2026): each standard's "How this works in practice" paragraphs and the enabling components'
// paragraphs, keeping the document's paragraph numbers. Run: node src/features/standards-assessment/reference/extract.mjs
// Text is kept word for word; only markdown emphasis, escapes and footnote markers (<sup>…</sup>) are removed.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const lines = readFileSync(path.join(here, 'core-standards-2026.txt'), 'utf8').split('\n')

export const plain = (text) =>
  text.replace(/<sup>[^<]*<\/sup>/g, '').replace(/\\\*/g, '').replace(/\*\*/g, '').replace(/\*/g, '').replace(/\s+/g, ' ').trim()

/** The numbered paragraphs from `first` to `last`; bulleted lines after a paragraph become its items. */
function paragraphs(first, last) {
  const out = []
  let current = null
  let inRange = false
  for (const raw of lines) {
    const line = raw.trim()
    const numbered = /^(\d+)\.\s+(.*)$/.exec(line)
    if (numbered) {
      const n = Number(numbered[1])
      if (n > last) break
      if (n >= first) {
        inRange = true
        current = { paragraph: n, text: plain(numbered[2]), items: [] }
        out.push(current)
        continue
      }
    }
    if (!inRange || !current) continue
    const bullet = /^-\s+(.*)$/.exec(line)
    if (bullet) current.items.push(plain(bullet[1]))
  }
  return out
}

const summary = (label) => {
  const row = lines.find((l) => l.startsWith(`<b>${label}</b>\t`))
  if (!row) throw new Error(`No Appendix One row for ${label}`)
  const [, description, example] = row.split('\t')
  return { summary: plain(description), inPractice: plain(example ?? '') }
}

const standards = [
  { number: 1, title: 'Person-centred approach', titleCy: 'Dull sy’n canolbwyntio ar yr unigolyn', row: 'Core Standard 1: Person-centred approach', from: 26, to: 36 },
  { number: 2, title: 'Address inequalities', titleCy: 'Mynd i’r afael ag anghydraddoldebau', row: 'Core Standard 2: Address inequalities', from: 41, to: 41 },
  { number: 3, title: 'Safeguarding and managing risk', titleCy: 'Diogelu a rheoli risg', row: 'Core Standard 3: Safeguarding and managing risk', from: 49, to: 56 },
  { number: 4, title: 'Trauma informed and relationship-focused', titleCy: 'Ystyriol o drawma ac yn canolbwyntio ar berthynas', row: 'Core Standard 4: Trauma informed and relationship-focused', from: 59, to: 63 },
  { number: 5, title: 'Life course approach', titleCy: 'Dull cwrs bywyd', row: 'Core Standard 5: Life course approach', from: 71, to: 77 },
  { number: 6, title: 'Welsh language', titleCy: 'Y Gymraeg', row: 'Core Standard 6: Welsh language', from: 80, to: 84 },
].map((s) => ({
  id: `S${s.number}`,
  kind: 'standard',
  number: s.number,
  title: s.title,
  titleCy: s.titleCy,
  ...summary(s.row),
  statements: paragraphs(s.from, s.to).map((p) => ({ id: `S${s.number}.${p.paragraph}`, ...p })),
}))

const components = [
  { key: 'environment', title: 'Environmental sustainability', titleCy: 'Cynaliadwyedd amgylcheddol', row: 'Environmental sustainability', from: 87, to: 90 },
  { key: 'workforce', title: 'Workforce', titleCy: 'Gweithlu', row: 'Workforce standards', from: 91, to: 93 },
  { key: 'leadership', title: 'Leadership', titleCy: 'Arweinyddiaeth', row: 'Leadership and integration', from: 94, to: 97 },
  { key: 'community_assets', title: 'Community Assets', titleCy: 'Asedau cymunedol', row: 'Community Assets', from: 98, to: 98 },
  { key: 'communication', title: 'Communication and collaboration', titleCy: 'Cyfathrebu a chydweithio', row: 'Communication and collaboration', from: 99, to: 100 },
].map((c) => ({
  id: `E-${c.key}`,
  kind: 'component',
  title: c.title,
  titleCy: c.titleCy,
  ...summary(c.row),
  statements: paragraphs(c.from, c.to).map((p) => ({ id: `E.${p.paragraph}`, ...p })),
}))

const out = {
  source: 'Welsh Government, Core Standards and Values for Social Prescribing in Wales, 2026. Open Government Licence v3.0.',
  sections: [...standards, ...components],
}
writeFileSync(path.join(here, 'standards.json'), `${JSON.stringify(out, null, 2)}\n`)
process.stdout.write(`${out.sections.map((s) => `${s.id}: ${s.statements.map((st) => st.id).join(' ')}`).join("\n")}\n`)
