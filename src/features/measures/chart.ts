/*
 * A small line chart of one score over time, as an inline SVG string (issue 6 §4). Pure, so it is unit-tested, and
 * styled only by presentation attributes and classes: the Content Security Policy forbids inline style. The numbers
 * are always also in a table beside the chart; the chart's text alternative says what it shows in words.
 */

export interface ChartPoint {
  /** What the x axis says for the point (a date already formatted in the page's language). */
  label: string
  value: number
}

export interface ChartInput {
  /** Unique in the page: the chart's title and description are referenced by these ids. */
  id: string
  title: string
  /** The text alternative, e.g. "From 19.25 on 2 March to 25.03 on 1 June; higher is better". */
  description: string
  min: number
  max: number
  points: ChartPoint[]
  /** Where a dashed line marks a reference value (e.g. the baseline); optional. */
  reference?: number | null
}

export const CHART = { width: 320, height: 140, left: 36, right: 12, top: 12, bottom: 28 } as const

const escapeXml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

/** Rounds to two decimals so the markup does not carry floating-point noise. */
const r = (n: number) => Math.round(n * 100) / 100

/** Where each point sits: x spread evenly in order of time (the table gives the dates), y by value within [min, max]. */
export function plotPoints(input: Pick<ChartInput, 'min' | 'max' | 'points'>): { x: number; y: number }[] {
  const innerW = CHART.width - CHART.left - CHART.right
  const innerH = CHART.height - CHART.top - CHART.bottom
  const span = input.max - input.min || 1
  const n = input.points.length
  return input.points.map((p, i) => {
    const clamped = Math.min(input.max, Math.max(input.min, p.value))
    return {
      x: r(CHART.left + (n === 1 ? innerW / 2 : (innerW * i) / (n - 1))),
      y: r(CHART.top + innerH - ((clamped - input.min) / span) * innerH),
    }
  })
}

/** The chart as SVG markup, role="img" with its title and description as the accessible name and description. */
export function chartSvg(input: ChartInput): string {
  const id = input.id.replace(/[^A-Za-z0-9_-]/g, '-')
  const coords = plotPoints(input)
  const bottom = CHART.height - CHART.bottom
  const right = CHART.width - CHART.right
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-measure-chart" viewBox="0 0 ${CHART.width} ${CHART.height}" width="100%" height="${CHART.height}" preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" focusable="false">`,
    `<title id="${id}-title">${escapeXml(input.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(input.description)}</desc>`,
    `<line x1="${CHART.left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#505a5f" stroke-width="1"/>`,
    `<line x1="${CHART.left}" y1="${CHART.top}" x2="${CHART.left}" y2="${bottom}" stroke="#505a5f" stroke-width="1"/>`,
    `<text x="${CHART.left - 4}" y="${bottom}" text-anchor="end" font-size="11" fill="#0b0c0c" aria-hidden="true">${r(input.min)}</text>`,
    `<text x="${CHART.left - 4}" y="${CHART.top + 8}" text-anchor="end" font-size="11" fill="#0b0c0c" aria-hidden="true">${r(input.max)}</text>`,
  ]
  if (input.reference !== undefined && input.reference !== null) {
    const [ref] = plotPoints({ min: input.min, max: input.max, points: [{ label: '', value: input.reference }] })
    if (ref)
      parts.push(
        `<line class="app-measure-chart__reference" x1="${CHART.left}" y1="${ref.y}" x2="${right}" y2="${ref.y}" stroke="#505a5f" stroke-width="1" stroke-dasharray="4 3"/>`,
      )
  }
  if (coords.length > 1)
    parts.push(
      `<polyline points="${coords.map((c) => `${c.x},${c.y}`).join(' ')}" fill="none" stroke="#1d70b8" stroke-width="2"/>`,
    )
  coords.forEach((c, i) => {
    parts.push(`<circle cx="${c.x}" cy="${c.y}" r="4" fill="#1d70b8"/>`)
    const point = input.points[i] as ChartPoint
    // Only the first and last dates fit on a small chart; the table lists every one.
    if (i === 0 || i === coords.length - 1)
      parts.push(
        `<text x="${c.x}" y="${CHART.height - 8}" text-anchor="${coords.length === 1 ? 'middle' : i === 0 ? 'start' : 'end'}" font-size="11" fill="#0b0c0c" aria-hidden="true">${escapeXml(point.label)}</text>`,
      )
  })
  parts.push('</svg>')
  return parts.join('')
}
