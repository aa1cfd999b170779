import { parseDateParts } from '../admin/audit-filters.js'
import { type FieldError, length, list, text } from '../admin/fields.js'
import { type Barrier, barrierCodes, pickCodes } from '../connections/barriers.js'
import {
  contactLanguages,
  type ContactLanguage,
  type ContactMode,
  contactModes,
  contactParties,
  type ContactParty,
  type ContactType,
  contactTypes,
} from './schema.js'
import { dateTimeFormat } from '../../platform/i18n/formats.js'

/*
 * Contacts with the person (issue 5 §6) as pure rules shared by the page and the API: what a contact must say, and
 * the counts the Core Data Set asks for (#24, #115–#117), derived from the contacts rather than typed in.
 */
export const MAX_MINUTES = 720
export const PROGRESS_LIMIT = 4000

export interface ContactForm {
  occurredAt: Date
  mode: ContactMode
  durationMinutes: number | null
  withWhom: ContactParty[]
  type: ContactType
  didNotAttend: boolean
  language: ContactLanguage
  barriers: Barrier[]
  progressNote: string | null
}

/** The instant a wall-clock date and time in Wales (Europe/London, summer time included) stands for. */
export function walesInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [hh, mm] = time.split(':').map(Number) as [number, number]
  const guess = Date.UTC(y, m - 1, d, hh, mm)
  const offset = (at: number) => {
    const parts = Object.fromEntries(
      dateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .formatToParts(new Date(at))
        .map((p) => [p.type, p.value]),
    )
    return (
      Date.UTC(
        Number(parts.year),
        Number(parts.month) - 1,
        Number(parts.day),
        Number(parts.hour),
        Number(parts.minute),
      ) - at
    )
  }
  return new Date(guess - offset(guess - offset(guess)))
}

/** The date and time of an instant as a person in Wales reads them: { date: 'YYYY-MM-DD', time: 'HH:MM' }. */
export function walesParts(at: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    dateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

const yes = (v: unknown) => v === true || v === 'yes' || v === 'true' || v === 'on'

/**
 * "Record a contact": the page sends the date in three boxes and a 24-hour time; the API an ISO date-time. A contact
 * cannot be in the future, lasts 1–720 minutes unless the person did not attend (then none or 0), involves at least
 * one party, and its record of progress is at most PROGRESS_LIMIT characters. Barriers (CDS #81) only with a DNA.
 */
export function validateContact(
  raw: Record<string, unknown>,
  now: Date,
): { value: ContactForm; values: Record<string, string | string[]>; errors: FieldError[] } {
  const values = {
    'when-day': text(raw['when-day']).trim(),
    'when-month': text(raw['when-month']).trim(),
    'when-year': text(raw['when-year']).trim(),
    time: text(raw.time).trim(),
    occurredAt: text(raw.occurredAt).trim(),
    mode: text(raw.mode).trim(),
    duration: text(raw.duration ?? raw.durationMinutes).trim(),
    withWhom: list(raw.withWhom),
    type: text(raw.type).trim(),
    didNotAttend: yes(raw.didNotAttend) ? 'yes' : '',
    language: text(raw.language).trim(),
    barriers: list(raw.barriers),
    progressNote: text(raw.progressNote).trim(),
  }
  const errors: FieldError[] = []
  let occurredAt: Date | null = null
  if (values.occurredAt) {
    const parsed = new Date(values.occurredAt)
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.occurredAt) || Number.isNaN(parsed.getTime()))
      errors.push({ field: 'occurredAt', key: 'contacts.errors.whenInvalid' })
    else occurredAt = parsed
  } else {
    const date = parseDateParts(values['when-day'], values['when-month'], values['when-year'])
    if (date === null) errors.push({ field: 'when', key: 'contacts.errors.whenMissing', href: '#when-day' })
    else if ('problem' in date) errors.push({ field: 'when', key: 'contacts.errors.whenInvalid', href: '#when-day' })
    const time = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(values.time)
    if (!time)
      errors.push({ field: 'time', key: values.time ? 'contacts.errors.timeInvalid' : 'contacts.errors.timeMissing' })
    if (date && 'date' in date && time) occurredAt = walesInstant(date.date, `${time[1]}:${time[2]}`)
  }
  if (occurredAt && occurredAt.getTime() > now.getTime())
    errors.push({
      field: values.occurredAt ? 'occurredAt' : 'when',
      key: 'contacts.errors.whenFuture',
      href: values.occurredAt ? undefined : '#when-day',
    })
  if (!(contactModes as readonly string[]).includes(values.mode))
    errors.push({ field: 'mode', key: 'contacts.errors.modeMissing' })
  const didNotAttend = values.didNotAttend === 'yes'
  let durationMinutes: number | null = null
  if (values.duration === '') {
    if (!didNotAttend) errors.push({ field: 'duration', key: 'contacts.errors.durationMissing' })
  } else if (!/^-?\d+$/.test(values.duration))
    errors.push({ field: 'duration', key: 'contacts.errors.durationInvalid' })
  else {
    durationMinutes = Number(values.duration)
    if (durationMinutes < 0 || durationMinutes > MAX_MINUTES)
      errors.push({ field: 'duration', key: 'contacts.errors.durationRange', params: { max: MAX_MINUTES } })
    else if (durationMinutes === 0 && !didNotAttend)
      errors.push({ field: 'duration', key: 'contacts.errors.durationZero' })
  }
  const parties = pickCodes(contactParties, values.withWhom)
  if (parties.unknown) errors.push({ field: 'withWhom', key: 'contacts.errors.withWhomUnknown' })
  else if (parties.codes.length === 0) errors.push({ field: 'withWhom', key: 'contacts.errors.withWhomMissing' })
  if (!(contactTypes as readonly string[]).includes(values.type))
    errors.push({ field: 'type', key: 'contacts.errors.typeMissing' })
  if (!(contactLanguages as readonly string[]).includes(values.language))
    errors.push({ field: 'language', key: 'contacts.errors.languageMissing' })
  const barriers = pickCodes(barrierCodes, values.barriers)
  if (barriers.unknown) errors.push({ field: 'barriers', key: 'contacts.errors.barrierUnknown' })
  else if (barriers.codes.length > 0 && !didNotAttend)
    errors.push({ field: 'barriers', key: 'contacts.errors.barriersWithoutDna' })
  if (length(values.progressNote) > PROGRESS_LIMIT)
    errors.push({ field: 'progressNote', key: 'contacts.errors.progressTooLong', params: { max: PROGRESS_LIMIT } })
  return {
    value: {
      occurredAt: occurredAt ?? now,
      mode: values.mode as ContactMode,
      durationMinutes,
      withWhom: parties.codes,
      type: values.type as ContactType,
      didNotAttend,
      language: values.language as ContactLanguage,
      barriers: didNotAttend ? barriers.codes : [],
      progressNote: values.progressNote || null,
    },
    values,
    errors,
  }
}

export interface CountedContact {
  occurred_at: Date
  duration_minutes: number | null
  did_not_attend: boolean
}

export interface ContactCounts {
  /** CDS #24, #115, #116: every contact recorded. */
  contacts: number
  attended: number
  didNotAttend: number
  /** Minutes of the contacts that happened, and their mean (whole minutes), null when none happened. */
  totalMinutes: number
  meanMinutes: number | null
  /** CDS #116, #117: days from the start of the episode to its end, or to today while it is open. */
  lengthOfSupportDays: number | null
}

const DAY = 24 * 60 * 60 * 1000

/** The counts of the contacts section, from the contacts of an episode and its dates. */
export function contactCounts(
  contacts: readonly CountedContact[],
  episode: { started_at: Date; ended_at: Date | null } | null,
  today: Date,
): ContactCounts {
  const attended = contacts.filter((c) => !c.did_not_attend)
  const totalMinutes = attended.reduce((sum, c) => sum + (c.duration_minutes ?? 0), 0)
  const end = episode ? (episode.ended_at ?? today) : null
  return {
    contacts: contacts.length,
    attended: attended.length,
    didNotAttend: contacts.length - attended.length,
    totalMinutes,
    meanMinutes: attended.length ? Math.round(totalMinutes / attended.length) : null,
    lengthOfSupportDays:
      episode && end
        ? Math.max(
            0,
            Math.floor(
              (Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate()) -
                Date.UTC(
                  episode.started_at.getUTCFullYear(),
                  episode.started_at.getUTCMonth(),
                  episode.started_at.getUTCDate(),
                )) /
                DAY,
            ),
          )
        : null,
  }
}
