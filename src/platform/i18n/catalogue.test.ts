import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { organisationTypes, roles } from '../db/schema.js'
import { isAction } from '../access/policy.js'
import { findCatalogueFiles } from './catalogue.js'
import { chooseLanguage, I18n, sourceRoot } from './i18n.js'

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry)
    if (statSync(full).isDirectory()) sourceFiles(full, out)
    else if (/\.(ts|njk)$/.test(entry) && !entry.endsWith('.test.ts')) out.push(full)
  }
  return out
}

describe('message catalogues', () => {
  const i18n = new I18n()

  it('have exactly the same keys in Welsh and English', () => {
    const en = new Set(i18n.keys('en'))
    const cy = new Set(i18n.keys('cy'))
    assert.deepEqual([...en].filter((k) => !cy.has(k)), [], 'keys missing in Welsh')
    assert.deepEqual([...cy].filter((k) => !en.has(k)), [], 'keys missing in English')
  })

  it('mark every Welsh catalogue for review by a Welsh speaker', () => {
    for (const file of findCatalogueFiles(sourceRoot, 'cy')) {
      const comment = (JSON.parse(readFileSync(file, 'utf8')) as { _comment?: string })._comment ?? ''
      assert.match(comment, /for review by a Welsh speaker/, file)
    }
  })

  it('have no empty texts and keep the same placeholders in both languages', () => {
    for (const key of i18n.keys('en')) {
      const en = i18n.translate('en', key)
      const cy = i18n.translate('cy', key)
      assert.ok(en.trim() && cy.trim(), `empty text for ${key}`)
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',')
      assert.equal(names(cy), names(en), `placeholders differ for ${key}`)
    }
  })

  it('define every key the code and templates use', () => {
    const namespaces = new Set(i18n.keys('en').map((k) => k.split('.')[0]))
    const used = new Set<string>()
    for (const file of sourceFiles(sourceRoot)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/['"]([a-z][A-Za-z]*(?:\.[A-Za-z0-9_]+)+)['"]/g)) {
        const key = match[1] as string
        // Access-policy actions share the look of message keys (`people.view`); they are not texts.
        if (namespaces.has(key.split('.')[0]) && !isAction(key) && !/\.(njk|ts|js|json|css|svg)$/.test(key)) used.add(key)
      }
    }
    assert.ok(used.size > 20)
    const missing = [...used].filter((key) => !i18n.has('en', key) || !i18n.has('cy', key))
    assert.deepEqual(missing, [], `message keys used but not defined: ${missing.join(', ')}`)
  })

  it('name every role and organisation type (keys built at run time)', () => {
    const keys = [...roles.flatMap((r) => [`common.roles.${r}`, `home.roles.${r}`]), ...organisationTypes.map((o) => `common.organisationTypes.${o}`)]
    assert.deepEqual(keys.filter((key) => !i18n.has('en', key) || !i18n.has('cy', key)), [])
  })
})

describe('language choice', () => {
  it('prefers ?lng=, then the stored choice, then Accept-Language, then English', () => {
    assert.equal(chooseLanguage('cy', 'en', 'en'), 'cy')
    assert.equal(chooseLanguage(undefined, 'cy', 'en-GB'), 'cy')
    assert.equal(chooseLanguage(undefined, undefined, 'cy-GB,en;q=0.8'), 'cy')
    assert.equal(chooseLanguage('fr', undefined, 'fr-FR'), 'en')
    assert.equal(chooseLanguage(undefined, undefined, 'en;q=0.5, cy;q=0.9'), 'cy')
    assert.equal(chooseLanguage(undefined, undefined, 'fr, en-GB;q=0.8, cy;q=0'), 'en')
  })

  it('uses Welsh plural forms', () => {
    const i18n = new I18n()
    assert.deepEqual(Object.keys(i18n.pluralForms('cy', 'common.characterCount.under')).sort(), ['few', 'many', 'one', 'other', 'two', 'zero'])
  })
})
