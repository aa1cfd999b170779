import type { Translate } from '../../platform/i18n/i18n.js'
import type { Answer, Answers, FormItem } from '../instruments/contract.js'

/*
 * What the questionnaire pages show, built for GOV.UK components. Item texts and answer labels carry the items'
 * own language (`lang`), which is English in the Welsh interface until an approved translation is loaded, so a
 * screen reader reads each in its language.
 */

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c)
}

const inLanguage = (text: string, lang: string) => `<span lang="${lang}">${escapeHtml(text)}</span>`

/** The item's options as radios, the saved answer chosen. */
export function radioItems(item: FormItem, chosen: Answer | undefined, itemLanguage: 'cy' | 'en') {
  return item.options.map((option) => ({
    value: String(option.value),
    text: option.label,
    label: { attributes: { lang: itemLanguage } },
    checked: chosen !== null && chosen !== undefined && String(chosen) === String(option.value),
  }))
}

/** Check your answers: each item with its answer (or that it was left out) and a link to change it. */
export function summaryRows(t: Translate, items: FormItem[], answers: Answers, itemLanguage: 'cy' | 'en', changeHref: (number: number) => string) {
  return items.map((item, index) => {
    const answer = answers[item.id]
    const option = answer === null || answer === undefined ? undefined : item.options.find((o) => String(o.value) === String(answer))
    return {
      key: { html: inLanguage(item.text, itemLanguage) },
      value: option ? { html: inLanguage(option.label, itemLanguage) } : { text: t('selfCompletion.check.notAnswered') },
      actions: { items: [{ href: changeHref(index + 1), text: t('selfCompletion.check.change'), visuallyHiddenText: t('selfCompletion.check.changeHidden', { number: index + 1 }) }] },
    }
  })
}
