/*
 * The automatic screen run before a case study leaves the organisation (issue 6 §6): it warns, it does not decide.
 * It looks for the linked person's given and family names (and their initials), their postcode and NHS number,
 * and anything shaped like a postcode, an NHS number or a date. The team lead's sign-off remains the check; this
 * only points at what a tired reader might miss. Pure: the pages and the API share it.
 */

export type ScreenKind = 'given_name' | 'family_name' | 'initials' | 'postcode' | 'nhs_number' | 'date'

export interface ScreenWarning {
  kind: ScreenKind
  /** What was found, as written in the text (or the record's value, for names matched through their mutations). */
  found: string
}

export interface ScreenPerson {
  given_name: string
  family_name: string
  postcode: string | null
  nhs_number: string | null
}

/** Lower case, without accents: "Llŷr" and "Llyr" are the same name to a reader. */
export function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/**
 * The forms a Welsh word takes after the initial mutations (soft, nasal, aspirate, and h- before a vowel): names
 * mutate in Welsh sentences ("i Fegan", "gyda Chatrin", "fy Nhad"), so a name screen that reads only the
 * radical form misses them. Input and output are folded.
 */
export function mutations(word: string): string[] {
  const w = fold(word)
  const forms = new Set([w])
  const rules: [string, string[]][] = [
    ['ll', ['l']],
    ['rh', ['r']],
    ['p', ['b', 'mh', 'ph']],
    ['t', ['d', 'nh', 'th']],
    ['c', ['g', 'ngh', 'ch']],
    ['b', ['f', 'm']],
    ['d', ['dd', 'n']],
    ['g', ['', 'ng']],
    ['m', ['f']],
  ]
  const rule = rules.find(([radical]) => w.startsWith(radical))
  if (rule) for (const to of rule[1]) forms.add(to + w.slice(rule[0].length))
  if (/^[aeiouwy]/.test(w)) forms.add(`h${w}`)
  // A soft-mutated g leaves too little to be a name ("Gwen" → "wen" is a common word): keep forms of 3+ letters.
  return [...forms].filter((f) => f.length >= 3 || f === w)
}

/** Name particles that are not names on their own (ap Llŷr, ferch Dafydd, van der Berg). */
const particles = new Set(['ap', 'ab', 'ferch', 'verch', 'de', 'der', 'van', 'von', 'le', 'la', 'du', 'o', 'mc', 'mac'])

function nameParts(name: string): string[] {
  const parts = fold(name)
    .split(/[\s-]+/)
    .filter((p) => p.length >= 2 && !particles.has(p))
  return parts
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** Matches `term` as a whole word: no letter or digit either side (\b is not Unicode-aware). */
const wholeWord = (term: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(term)}(?![\\p{L}\\p{N}])`, 'u')

function findName(folded: string, name: string): boolean {
  return nameParts(name).some((part) => mutations(part).some((form) => wholeWord(form).test(folded)))
}

const postcodePattern = /(?<![A-Za-z0-9])[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}(?![A-Za-z0-9])/gi
const nhsPattern = /(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)/g
const months = [
  'jan(uary)?',
  'feb(ruary)?',
  'mar(ch)?',
  'apr(il)?',
  'may',
  'june?',
  'july?',
  'aug(ust)?',
  'sep(t|tember)?',
  'oct(ober)?',
  'nov(ember)?',
  'dec(ember)?',
  'ionawr',
  'chwefror',
  'mawrth',
  'ebrill',
  'mai',
  'mehefin',
  'gorffennaf',
  'awst',
  'medi',
  'hydref',
  'tachwedd',
  'rhagfyr',
].join('|')
const datePatterns = [
  // 12/03/2024, 12-3-24, 12.03.2024
  /(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})(?![\d/.-])/g,
  // 2024-03-12
  /(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)/g,
  // 12 March, 12th of March 2024, 3ydd Mawrth (a day number next to a month name)
  new RegExp(
    `(?<![\\p{L}\\p{N}])\\d{1,2}(st|nd|rd|th|af|il|ydd|edd|fed)?( of)? (${months})(?![\\p{L}])( \\d{4})?`,
    'giu',
  ),
  // March 12, March 12th 2024
  new RegExp(`(?<![\\p{L}])(${months}) \\d{1,2}(st|nd|rd|th)?(?![\\p{L}\\p{N}])(,? \\d{4})?`, 'giu'),
]

const compact = (s: string) => s.replace(/[\s-]/g, '').toUpperCase()

/** The warnings for a story's text, each kind and finding once, in the order of the kinds above. */
export function screenText(text: string, person: ScreenPerson | null): ScreenWarning[] {
  const warnings: ScreenWarning[] = []
  const add = (kind: ScreenKind, found: string) => {
    if (!warnings.some((w) => w.kind === kind && w.found === found)) warnings.push({ kind, found })
  }
  const folded = fold(text)
  if (person) {
    if (findName(folded, person.given_name)) add('given_name', person.given_name)
    if (findName(folded, person.family_name)) add('family_name', person.family_name)
    const g = fold(person.given_name).charAt(0).toUpperCase()
    const f = nameParts(person.family_name)[0]?.charAt(0).toUpperCase()
    if (g && f) {
      const initials = new RegExp(`(?<![\\p{L}\\p{N}])${g}\\.? ?${f}\\.?(?![\\p{L}\\p{N}])`, 'u')
      const match = initials.exec(text)
      if (match && (match[0].includes('.') || match[0] === `${g}${f}`)) add('initials', match[0])
    }
  }
  for (const match of text.matchAll(postcodePattern)) add('postcode', match[0])
  if (person?.postcode) {
    const own = compact(person.postcode)
    if (compact(text).includes(own) && !warnings.some((w) => w.kind === 'postcode')) add('postcode', person.postcode)
  }
  for (const match of text.matchAll(nhsPattern)) add('nhs_number', match[0])
  if (
    person?.nhs_number &&
    text.replace(/\D/g, ' ').includes(person.nhs_number) &&
    !warnings.some((w) => w.kind === 'nhs_number')
  )
    add('nhs_number', person.nhs_number)
  for (const pattern of datePatterns) for (const match of text.matchAll(pattern)) add('date', match[0])
  return warnings
}
