/**
 * The text word search matches (services.search_text, trigram-indexed): the given parts joined with spaces,
 * lower-case and accent-free (NFKD, combining marks removed), so "Gwasanaeth Cŵn" is found by "cwn" and
 * "café" by "cafe". Blank and missing parts are left out; runs of white space become one space. Pure.
 */
export function searchText(...parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join(' ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}
