import type { Language, Translate } from '../../platform/i18n/i18n.js'
import { formatDate, formatNumber } from '../../platform/i18n/i18n.js'
import { changeBetween, type Headline, type InstrumentId, isInstrumentId, scoreSeries } from '../instruments/contract.js'
import { chartSvg } from './chart.js'
import { changeVerdict, instrumentHistory, type MeasureFacts } from './rules.js'

/*
 * The words and charts the person page and the measure page show, in the page's language. Series, bands and
 * instruments are named from this feature's catalogue; a key the catalogue lacks (a series added later) shows its
 * id rather than a wrong word.
 */

const named = (t: Translate, key: string, fallback: string) => {
  const text = t(key)
  return text === key ? fallback : text
}

export const instrumentName = (t: Translate, id: string) => named(t, `measures.instruments.${id}`, id)
export const seriesName = (t: Translate, _instrumentId: string, key: string) => named(t, `measures.series.${key}`, key)
export const bandName = (t: Translate, band: string | null) => (band === null ? null : named(t, `measures.bands.${band}`, band))

const number = (value: number | null, lang: Language) => (value === null ? null : formatNumber(value, lang))

/** A headline's scores, one line per series, for the measure page and the table. */
export function scoreLines(t: Translate, lang: Language, headline: Headline | null) {
  if (!headline) return []
  const id = headline.instrumentId
  const series = isInstrumentId(id) ? scoreSeries(id) : []
  const keys = series.length ? series.map((s) => s.key) : Object.keys(headline.scores)
  return keys
    .filter((key) => headline.scores[key])
    .map((key) => {
      const score = headline.scores[key] as { value: number | null; band: string | null }
      return {
        key,
        name: seriesName(t, id, key),
        value: number(score.value, lang),
        band: bandName(t, score.band),
        provisional: series.find((s) => s.key === key)?.provisionalBands ?? false,
      }
    })
}

/** Each instrument the person has completed measures of: its charts, its table and the change since baseline. */
export function histories(t: Translate, lang: Language, measures: MeasureFacts[]) {
  const ids = [...new Set(measures.filter((m) => m.status === 'complete').map((m) => m.instrument_id))].filter(isInstrumentId)
  return ids.map((id: InstrumentId) => {
    const h = instrumentHistory(id, measures, scoreSeries(id), changeBetween)
    const day = (d: string) => formatDate(`${d}T12:00:00Z`, lang)
    const charts = h.charted
      .filter((c) => c.points.length > 0)
      .map((c) => {
        const name = seriesName(t, id, c.series.key)
        const first = c.points[0]
        const last = c.points.at(-1)
        const description =
          first && last && first !== last
            ? t('measures.chart.describeChange', { series: name, from: formatNumber(first.value, lang), fromDate: day(first.day), to: formatNumber(last.value, lang), toDate: day(last.day), count: c.points.length })
            : t('measures.chart.describeOne', { series: name, value: formatNumber(first?.value ?? 0, lang), date: day(first?.day ?? '') })
        return {
          key: c.series.key,
          name,
          direction: t(c.series.higherIsBetter ? 'measures.chart.higherBetter' : 'measures.chart.lowerBetter'),
          provisional: c.series.provisionalBands,
          svg: chartSvg({
            id: `chart-${id}-${c.series.key}`,
            title: t('measures.chart.title', { instrument: instrumentName(t, id), series: name }),
            description: `${description} ${t(c.series.higherIsBetter ? 'measures.chart.higherBetter' : 'measures.chart.lowerBetter')}`,
            min: c.series.min,
            max: c.series.max,
            points: c.points.map((p) => ({ label: formatDate(`${p.day}T12:00:00Z`, lang), value: p.value })),
          }),
        }
      })
    // An instrument without numeric series (the ONS direct question gives a category) shows its categories instead.
    const columns = h.charted.length
      ? h.charted.map((c) => ({ key: c.series.key, name: seriesName(t, id, c.series.key), provisional: c.series.provisionalBands }))
      : [...new Set(h.measures.flatMap((m) => Object.entries(m.scores?.scores ?? {}).filter(([, sc]) => sc.band !== null).map(([key]) => key)))].map((key) => ({ key, name: seriesName(t, id, key), provisional: false }))
    const charted = columns.map((c) => c.key)
    const rows = h.measures.map((m) => ({
      id: m.id,
      day: day(m.taken_on ?? m.created_at.toISOString().slice(0, 10)),
      iso: m.taken_on,
      occasion: t(`measures.occasions.${m.occasion}`),
      scores: charted.map((key) => {
        const s = m.scores?.scores[key]
        return { value: number(s?.value ?? null, lang), band: bandName(t, s?.band ?? null) }
      }),
      status: m.scores?.status ?? null,
    }))
    const change = h.change
      ? {
          from: day(h.change.from.taken_on ?? ''),
          to: day(h.change.to.taken_on ?? ''),
          fromOccasion: t(`measures.occasions.${h.change.from.occasion}`),
          lines: h.change.changes.map((c) => ({
            name: seriesName(t, id, c.series),
            change: c.change === null ? null : `${c.change > 0 ? '+' : ''}${formatNumber(c.change, lang)}`,
            verdict: changeVerdict(c),
            threshold: scoreSeries(id).find((s) => s.key === c.series)?.meaningfulChange ?? null,
          })),
        }
      : null
    return {
      instrumentId: id,
      name: instrumentName(t, id),
      columns,
      charts,
      rows,
      change,
    }
  })
}
