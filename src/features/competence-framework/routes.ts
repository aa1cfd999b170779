import type { FastifyInstance } from 'fastify'
import { notFound } from '../../platform/http/problems.js'
import { competenceFrameworkApi } from './api.js'
import { areaOf, domainOf, framework, sectionsOf } from './contract.js'

const views = 'features/competence-framework/views'
const areas = framework.domains.flatMap((d) => d.areas)

/**
 * The Competence Framework (issue 8 §1) to read: its domains and areas, and each area's statements. Reference
 * text, not personal data, so reading it is not audited. Statements are in English on Welsh pages too (`lang="en"`).
 */
export async function competenceFrameworkRoutes(app: FastifyInstance): Promise<void> {
  app.get('/competence-framework', { config: { action: 'competence_framework.view' } }, async (request, reply) =>
    reply.view(`${views}/framework.njk`, { title: request.t('competenceFramework.title'), framework }),
  )

  app.get(
    '/competence-framework/:areaId',
    { config: { action: 'competence_framework.view' } },
    async (request, reply) => {
      const { areaId } = request.params as { areaId: string }
      const area = areaOf(areaId)
      if (!area) throw notFound()
      const at = areas.indexOf(area)
      const neighbour = (i: number) => {
        const other = areas[i]
        return (
          other && { href: `/competence-framework/${other.id}`, labelText: `${other.id} ${other.title[request.lang]}` }
        )
      }
      return reply.view(`${views}/area.njk`, {
        title: `${area.id} ${area.title[request.lang]}`,
        area,
        domain: domainOf(area.id),
        sections: sectionsOf(area),
        previous: neighbour(at - 1),
        next: neighbour(at + 1),
      })
    },
  )

  await competenceFrameworkApi(app)
}
