import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

export const languages = ['en', 'cy'] as const
export type Language = (typeof languages)[number]

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'cy'
}

type Messages = { [key: string]: string | Messages }

/** Every `messages/<lang>.json` under `root` (one per feature folder), merged; a key defined twice is an error. */
export function loadCatalogue(root: string, lang: Language): Map<string, string | Messages> {
  const flat = new Map<string, string | Messages>()
  for (const file of findCatalogueFiles(root, lang)) {
    const messages = JSON.parse(readFileSync(file, 'utf8')) as Messages
    flatten(messages, '', flat, file)
  }
  return flat
}

export function findCatalogueFiles(root: string, lang: Language): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry)
      if (entry === 'node_modules') continue
      if (statSync(full).isDirectory()) walk(full)
      else if (entry === `${lang}.json` && path.basename(dir) === 'messages') found.push(full)
    }
  }
  walk(root)
  return found.sort()
}

const PLURAL_CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other'])

function flatten(messages: Messages, prefix: string, into: Map<string, string | Messages>, file: string): void {
  for (const [key, value] of Object.entries(messages)) {
    if (key === '_comment') continue
    const full = prefix + key
    const isPlural = typeof value === 'object' && Object.keys(value).every((k) => PLURAL_CATEGORIES.has(k))
    if (typeof value === 'string' || isPlural) {
      if (into.has(full)) throw new Error(`Message key ${full} is defined twice (again in ${file}).`)
      into.set(full, value)
    } else {
      flatten(value, `${full}.`, into, file)
    }
  }
}
