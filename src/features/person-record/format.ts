/** Pure display rules for the person record. */

/** NHS numbers are read out in groups of 3, 3 and 4 digits: "943 476 5919". */
export function formatNhsNumber(value: string | null): string {
  if (!value) return ''
  const digits = value.replace(/\D/g, '')
  return digits.length === 10 ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : value
}

/** The local authority's name in the page's language. */
export function placeName(row: { la_name_en: string | null; la_name_cy: string | null }, lang: string): string {
  return (lang === 'cy' ? row.la_name_cy : row.la_name_en) ?? row.la_name_en ?? ''
}
