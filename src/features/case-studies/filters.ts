import { type FieldError, length, queryValue } from '../admin/fields.js'
import type { FeedbackFilters } from './feedback-repository.js'
import type { CaseStudyFilters } from './repository.js'
import { TAG_LIMIT } from './rules.js'
import { caseStudyStatuses, feedbackSources, feedbackStatuses, perspectives } from './schema.js'

/*
 * The lists' filters, from a page's query string or the API's: a value that is not one of the choices is an error
 * (said in the user's language), never silently ignored, so a mistyped filter does not pass for an empty list.
 */

const oneOf = <T extends string>(options: readonly T[], value: string): value is T =>
  (options as readonly string[]).includes(value)

export function parseListFilters(query: Record<string, unknown>): {
  filters: CaseStudyFilters
  values: Record<string, string>
  errors: FieldError[]
} {
  const values = {
    perspective: queryValue(query.perspective),
    tag: queryValue(query.tag).toLowerCase(),
    status: queryValue(query.status),
  }
  const filters: CaseStudyFilters = {}
  const errors: FieldError[] = []
  if (values.perspective) {
    if (oneOf(perspectives, values.perspective)) filters.perspective = values.perspective
    else errors.push({ field: 'perspective', key: 'caseStudies.errors.perspectiveUnknown' })
  }
  if (values.status) {
    if (oneOf(caseStudyStatuses, values.status)) filters.status = values.status
    else errors.push({ field: 'status', key: 'caseStudies.errors.statusUnknown' })
  }
  if (values.tag) {
    if (length(values.tag) <= TAG_LIMIT) filters.tag = values.tag
    else
      errors.push({
        field: 'tag',
        key: 'caseStudies.errors.tagInvalid',
        params: { tag: values.tag.slice(0, 20), max: TAG_LIMIT },
      })
  }
  return { filters, values, errors }
}

export function parseFeedbackFilters(query: Record<string, unknown>): {
  filters: FeedbackFilters
  values: Record<string, string>
  errors: FieldError[]
} {
  const values = { status: queryValue(query.status), source: queryValue(query.source) }
  const filters: FeedbackFilters = {}
  const errors: FieldError[] = []
  if (values.status) {
    if (oneOf(feedbackStatuses, values.status)) filters.status = values.status
    else errors.push({ field: 'status', key: 'caseStudies.feedback.errors.statusUnknown' })
  }
  if (values.source) {
    if (oneOf(feedbackSources, values.source)) filters.source = values.source
    else errors.push({ field: 'source', key: 'caseStudies.feedback.errors.sourceUnknown' })
  }
  return { filters, values, errors }
}
