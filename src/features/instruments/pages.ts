import type { FastifyInstance } from 'fastify'
import { notFound } from '../../platform/http/problems.js'
import { catalogue, describeInstrument } from './catalogue.js'
import { isInstrumentId } from './contract.js'

/*
 * The instrument catalogue pages (instruments.view): what each instrument is, who owns it and on what licence, how
 * it is scored, its bands and thresholds (with the caveats REPORT.md gives), and what is still to be checked. The
 * interface is bilingual; instrument names and copyright lines are shown as their owners publish them.
 */

const views = { list: 'features/instruments/views/catalogue.njk', one: 'features/instruments/views/instrument.njk' }

export async function cataloguePages(app: FastifyInstance): Promise<void> {
  app.get('/instruments', { config: { action: 'instruments.view' } }, async (request, reply) =>
    reply.view(views.list, { title: request.t('instruments.catalogue.title'), instruments: catalogue() }),
  )

  app.get('/instruments/:id', { config: { action: 'instruments.view' } }, async (request, reply) => {
    const id = (request.params as { id: string }).id
    if (!isInstrumentId(id)) throw notFound()
    const instrument = describeInstrument(id)
    return reply.view(views.one, { title: instrument.name, instrument })
  })
}
