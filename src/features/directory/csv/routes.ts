import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../../platform/audit/audit.js'
import { problemResponse } from '../../../platform/http/api.js'
import { auditContext } from '../../../platform/http/context.js'
import type { Translate } from '../../../platform/i18n/i18n.js'
import { text } from '../../admin/fields.js'
import { exportCsv } from './export.js'
import { type ImportPlan, importCsv, planImport } from './import.js'
import { problemText } from './problems.js'

/*
 * CSV export and import for directory editors (issue 4 §6; layout in docs/directory-csv.md). The import is pasted
 * into a text box (no JavaScript, no multipart upload), previewed with what each row would do, and applied only
 * when the editor confirms and the file has no problem at all. Files larger than the request body limit
 * (BODY_LIMIT_BYTES) go through `npm run cyswllt -- import-csv FILE`.
 */

const views = {
  form: 'features/directory/csv/views/import.njk',
  preview: 'features/directory/csv/views/preview.njk',
  done: 'features/directory/csv/views/done.njk',
}
const options = { config: { action: 'directory.manage' as const } }
/** The error summary lists this many problems at most, then says how many more. */
const SHOWN_PROBLEMS = 100

function problemsList(t: Translate, plan: ImportPlan) {
  const list = plan.problems
    .slice(0, SHOWN_PROBLEMS)
    .map((p) => ({ field: 'csv', text: problemText(t, p), href: '#csv' }))
  if (plan.problems.length > SHOWN_PROBLEMS)
    list.push({
      field: 'csv',
      text: t('directory.csv.moreProblems', { count: plan.problems.length - SHOWN_PROBLEMS }),
      href: '#csv',
    })
  return list
}

export async function directoryCsvRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  const sendExport = async (request: FastifyRequest, reply: FastifyReply, via: string) => {
    const { text: csv, count } = await db.transaction().execute(async (trx) => {
      const exported = await exportCsv(trx)
      await audit(trx, auditContext(request), {
        action: 'directory_export.csv',
        recordType: 'service',
        detail: { via, services: exported.count },
      })
      return exported
    })
    const day = new Date().toISOString().slice(0, 10)
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="cyswllt-directory-${day}.csv"`)
      .header('x-service-count', String(count))
      .send(csv)
  }

  app.get('/directory/manage/export.csv', options, (request, reply) => sendExport(request, reply, 'web'))
  app.get(
    '/api/v1/directory/services.csv',
    {
      ...options,
      schema: {
        tags: ['Directory'],
        summary: 'The whole directory as CSV, one row per service',
        description:
          'For directory editors and administrators; audited. The columns and their values are described in docs/directory-csv.md. UTF-8 with a byte order mark, CRLF line ends (RFC 4180).',
        response: {
          200: { description: 'The directory as CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
          401: problemResponse('Not signed in and no API token'),
          403: problemResponse('Not a directory editor or administrator'),
        },
      },
    },
    (request, reply) => sendExport(request, reply, 'api'),
  )

  const formPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    csv: string,
    errors: { field: string; text: string; href: string }[] = [],
  ) => reply.code(errors.length ? 400 : 200).view(views.form, { title: request.t('directory.csv.title'), csv, errors })

  app.get('/directory/manage/import', options, (request, reply) => formPage(request, reply, ''))

  app.post('/directory/manage/import', options, async (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined
    // A chosen file wins over pasted text; a file input left empty sends an empty part.
    const file = text(body?.file)
    const csv = file.trim() !== '' ? file : text(body?.csv)
    // A spreadsheet saved as .xlsx/.xls/.ods is a binary or zip file: say how to save it as CSV, not list every column.
    if (file.trim() !== '' && isSpreadsheetFile(file, text(body?.['file.filename'])))
      return formPage(request, reply, text(body?.csv), [
        { field: 'file', text: request.t('directory.csv.problems.notCsv'), href: '#file' },
      ])
    if (csv.trim() === '')
      return formPage(request, reply, csv, [
        { field: 'csv', text: request.t('directory.csv.problems.empty'), href: '#csv' },
      ])
    const plan = await planImport(db, csv)
    if (plan.problems.length) return formPage(request, reply, csv, problemsList(request.t, plan))
    return reply.view(views.preview, {
      title: request.t('directory.csv.previewTitle'),
      csv,
      counts: plan.counts,
      changing: plan.counts.created + plan.counts.updated > 0,
      rows: plan.rows.map((r) => ({
        row: r.row,
        name: r.service.name,
        outcome: r.outcome,
        changes: r.changes.join(', '),
      })),
    })
  })

  app.post('/directory/manage/import/confirm', options, async (request, reply) => {
    const csv = text((request.body as Record<string, unknown> | undefined)?.csv)
    const plan = await importCsv(db, csv, {
      beforeCommit: async (trx, done) => {
        await audit(trx, auditContext(request), {
          action: 'directory_import.csv',
          recordType: 'service',
          detail: { via: 'web', ...done.counts },
        })
      },
    })
    if (plan.problems.length) return formPage(request, reply, csv, problemsList(request.t, plan))
    const { created, updated, unchanged } = plan.counts
    return reply.redirect(
      `/directory/manage/import/done?created=${created}&updated=${updated}&unchanged=${unchanged}`,
      303,
    )
  })

  app.get('/directory/manage/import/done', options, (request, reply) => {
    const query = request.query as Record<string, unknown>
    const count = (name: string) => (/^[0-9]{1,7}$/.test(text(query[name])) ? Number(query[name]) : 0)
    return reply.view(views.done, {
      title: request.t('directory.csv.doneTitle'),
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
    })
  })
}

/** A spreadsheet file rather than CSV text: a NUL byte, the zip signature of .xlsx/.ods, or their file names. */
export function isSpreadsheetFile(content: string, filename: string): boolean {
  return content.includes('\u0000') || content.startsWith('PK\u0003\u0004') || /\.(xlsx?|ods|numbers)$/i.test(filename)
}
