export const PAGE_SIZE = 50
const MAX_PAGE = 100_000

/** `?page=` as a whole number from 1; anything else is page 1. */
export function parsePage(value: unknown): number {
  const page = Number(Array.isArray(value) ? value[0] : value)
  return Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize))
}

/** A link to a page of a filtered list: the filters that are set, then the page number (left out for page 1). */
export function listHref(path: string, filters: Record<string, string | undefined>, page = 1): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value)
  if (page > 1) query.set('page', String(page))
  const search = query.toString()
  return search ? `${path}?${search}` : path
}

type PageItem = { number: number; href: string; current: boolean; visuallyHiddenText: string } | { ellipsis: true }

/**
 * The parameters of `appPagination`: first, last and the pages either side of the current one, with ellipses
 * between. Null when everything fits on one page.
 */
export function pagination(page: number, total: number, hrefFor: (page: number) => string, pageLabel: (page: number) => string, pageSize = PAGE_SIZE) {
  const last = pageCount(total, pageSize)
  if (last <= 1) return null
  const shown = [...new Set([1, page - 1, page, page + 1, last])].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b)
  const items: PageItem[] = []
  shown.forEach((n, i) => {
    if (i > 0 && n - (shown[i - 1] as number) > 1) items.push({ ellipsis: true })
    items.push({ number: n, href: hrefFor(n), current: n === page, visuallyHiddenText: pageLabel(n) })
  })
  return {
    items,
    previous: page > 1 ? { href: hrefFor(page - 1) } : undefined,
    next: page < last ? { href: hrefFor(page + 1) } : undefined,
  }
}
