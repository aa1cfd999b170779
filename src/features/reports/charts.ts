/**
 * Inline SVG charts for the report page (issue 7 §5): drawn on the server, no JavaScript, each an image
 * (`role="img"`) whose title and description say the same numbers the accessible table beside it gives. Presentation
 * attributes only (no style attributes: the Content-Security-Policy refuses inline styles). The viewBox scales the
 * chart to its column, so a narrow screen never scrolls sideways.
 */

export interface ChartRow {
  label: string
  /** The number the bar is drawn to; null for a hidden value ('<5', [c], –), which gets no bar. */
  value: number | null
  shown: string
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

const WIDTH = 480
const LABEL_WIDTH = 180
const BAR_MAX = 240
const ROW = 30
const BAR_COLOUR = '#1d70b8'
const TEXT_COLOUR = '#0b0c0c'

function frame(id: string, title: string, description: string, height: number, body: string): string {
  return (
    `<svg class="cyswllt-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" ` +
    `role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" font-family="arial, sans-serif">` +
    `<title id="${id}-title">${escape(title)}</title><desc id="${id}-desc">${escape(description)}</desc>${body}</svg>`
  )
}

/** Labels longer than the label column are cut with an ellipsis: the full label is in the table beside the chart. */
const fit = (label: string) => (label.length > 24 ? `${label.slice(0, 23)}…` : label)

/** Horizontal bars, one per row (breakdowns, funnel stages, scale points, travel modes, waiting times). */
export function barChart(id: string, title: string, description: string, rows: ChartRow[]): string {
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0))
  const body = rows
    .map((r, i) => {
      const y = i * ROW + 6
      const width = r.value === null ? 0 : Math.max(r.value > 0 ? 2 : 0, Math.round((r.value / max) * BAR_MAX))
      const bar = width ? `<rect x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${ROW - 10}" fill="${BAR_COLOUR}"></rect>` : ''
      return (
        `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end" font-size="15" fill="${TEXT_COLOUR}">${escape(fit(r.label))}</text>` +
        bar +
        `<text x="${LABEL_WIDTH + width + 6}" y="${y + 15}" font-size="15" fill="${TEXT_COLOUR}">${escape(r.shown)}</text>`
      )
    })
    .join('')
  return frame(id, title, description, rows.length * ROW + 8, body)
}

/** A mean change with its 95% confidence interval against zero (no change). */
export function changeChart(id: string, title: string, description: string, change: { mean: number; low: number; high: number; shown: { mean: string; low: string; high: string } }): string {
  const lo = Math.min(0, change.low)
  const hi = Math.max(0, change.high)
  const span = hi - lo || 1
  const left = 40
  const right = WIDTH - 40
  const x = (v: number) => Math.round(left + ((v - lo) / span) * (right - left))
  const body =
    `<line x1="${x(0)}" y1="8" x2="${x(0)}" y2="62" stroke="#505a5f" stroke-width="2"></line>` +
    `<text x="${x(0)}" y="78" text-anchor="middle" font-size="13" fill="${TEXT_COLOUR}">0</text>` +
    `<line x1="${x(change.low)}" y1="35" x2="${x(change.high)}" y2="35" stroke="${BAR_COLOUR}" stroke-width="3"></line>` +
    `<line x1="${x(change.low)}" y1="25" x2="${x(change.low)}" y2="45" stroke="${BAR_COLOUR}" stroke-width="3"></line>` +
    `<line x1="${x(change.high)}" y1="25" x2="${x(change.high)}" y2="45" stroke="${BAR_COLOUR}" stroke-width="3"></line>` +
    `<circle cx="${x(change.mean)}" cy="35" r="7" fill="${BAR_COLOUR}"></circle>` +
    `<text x="${x(change.mean)}" y="18" text-anchor="middle" font-size="15" fill="${TEXT_COLOUR}">${escape(change.shown.mean)}</text>` +
    `<text x="${x(change.low)}" y="62" text-anchor="middle" font-size="13" fill="${TEXT_COLOUR}">${escape(change.shown.low)}</text>` +
    `<text x="${x(change.high)}" y="62" text-anchor="middle" font-size="13" fill="${TEXT_COLOUR}">${escape(change.shown.high)}</text>`
  return frame(id, title, description, 84, body)
}
