import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import nunjucks from 'nunjucks'
import { createMacroMemo } from './macro-memo.js'
import { createViews, govukMacroMemo } from './views.js'

describe('kept output of GOV.UK macros', () => {
  it('answers the same params from what it kept, and other params by calling the macro', () => {
    const memo = createMacroMemo()
    let calls = 0
    const tag = memo.wrap((params) => {
      calls++
      return `<strong>${(params as { text: string }).text}</strong>`
    }, 'tag')
    assert.equal(tag({ text: 'Free' }), '<strong>Free</strong>')
    assert.equal(tag({ text: 'Free' }), '<strong>Free</strong>')
    assert.equal(calls, 1)
    assert.equal(tag({ text: 'Am ddim' }), '<strong>Am ddim</strong>')
    assert.equal(calls, 2)
    assert.deepEqual(memo.stats(), { entries: 2, chars: memo.stats().chars, hits: 1, misses: 2 })
  })

  it('keeps macros of different scopes apart', () => {
    const memo = createMacroMemo()
    const a = memo.wrap(() => 'a', 'one')
    const b = memo.wrap(() => 'b', 'two')
    assert.equal(a({ x: 1 }), 'a')
    assert.equal(b({ x: 1 }), 'b')
  })

  it('never keeps a call with a caller or keyword arguments, nor one with params over the size limit', () => {
    const memo = createMacroMemo({ maxKeyChars: 100 })
    let calls = 0
    const macro = memo.wrap(() => String(++calls), 'm')
    const caller = Object.assign({ caller: () => 'inside' }, { __keywords: true })
    assert.equal(macro({ text: 'a' }, caller), '1')
    assert.equal(macro({ text: 'a' }, caller), '2')
    assert.equal(macro(caller), '3')
    assert.equal(macro(caller), '4')
    assert.equal(macro({ text: 'x'.repeat(200) }), '5')
    assert.equal(macro({ text: 'x'.repeat(200) }), '6')
    assert.equal(memo.stats().entries, 0)
  })

  it('drops the least recently used output when over its size, and never holds more', () => {
    const memo = createMacroMemo({ maxKeptChars: 300 })
    const echo = memo.wrap((params) => 'o'.repeat(50) + JSON.stringify(params), 'echo')
    for (let i = 0; i < 20; i++) echo({ i })
    assert.ok(memo.stats().chars <= 300, `${memo.stats().chars} characters kept`)
    const before = memo.stats().misses
    echo({ i: 19 })
    assert.equal(memo.stats().misses, before, 'the newest is still kept')
    echo({ i: 0 })
    assert.equal(memo.stats().misses, before + 1, 'the oldest was dropped')
  })

  it('renders GOV.UK components exactly as without it, again and again, a call block included', () => {
    const env = createViews()
    const page = `{% from "govuk/components/select/macro.njk" import govukSelect %}
{% from "govuk/components/tag/macro.njk" import govukTag %}
{% from "govuk/components/fieldset/macro.njk" import govukFieldset %}
{{ govukSelect({ id: 'c', name: 'c', label: { text: label }, items: items }) }}
{% for t in tags %}{{ govukTag({ text: t }) }}{% endfor %}
{% call govukFieldset({ legend: { text: 'Where' } }) %}<p>{{ inside }}</p>{% endcall %}`
    const contexts = [
      { label: 'Category', items: [{ value: 'a', text: 'A', selected: true }, { value: 'b', text: 'B' }], tags: ['Free', 'Free', 'Am ddim'], inside: 'one' },
      { label: 'Categori', items: [{ value: 'a', text: 'A' }, { value: 'b', text: 'B', selected: true }], tags: ['<b>not bold</b>'], inside: 'two' },
      { label: 'Category', items: [{ value: 'a', text: 'A', selected: true }, { value: 'b', text: 'B' }], tags: ['Free'], inside: 'three' },
    ]
    // Imported with context, the same macros are never kept (views.ts): the output to compare with.
    const plain = page.replaceAll(/import (govuk\w+)/g, 'import $1 with context')
    assert.notEqual(plain, page)
    const hitsBefore = govukMacroMemo.stats().hits
    for (let round = 0; round < 2; round++) {
      for (const context of contexts) {
        const kept = new nunjucks.Template(page, env).render(context)
        assert.equal(kept, new nunjucks.Template(plain, env).render(context))
        assert.match(kept, new RegExp(`<p>${context.inside}</p>`), 'the call block is rendered each time')
      }
    }
    assert.ok(govukMacroMemo.stats().hits > hitsBefore, 'the second round was answered from kept output')
    assert.doesNotMatch(new nunjucks.Template(page, env).render(contexts[1]), /<b>not bold<\/b>/, 'kept output is still escaped')
  })
})
