import type { FastifyInstance } from 'fastify'
import { problemSchema } from '../../platform/http/api.js'
import { notFound } from '../../platform/http/problems.js'
import { areaOf, domainOf, framework, type Area, type Domain, type Lang } from './contract.js'

/*
 * The Competence Framework as JSON (issue 8 §1) for integrations and other services: every domain and area with
 * its statements, or one area. Titles in the language asked for (`?lang=cy`); statements always in English, the
 * language the framework is published in.
 */
const tags = ['Competence Framework']
const text = { type: 'string' } as const
const statementSchema = {
  type: 'object',
  properties: {
    heading: { type: ['string', 'null'], description: 'The sub-heading the statement sits under, if any' },
    text,
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { text, items: { type: 'array', items: text, description: 'Nested bullet points' } },
        required: ['text'],
      },
    },
  },
  required: ['heading', 'text', 'items'],
} as const
const areaSchema = {
  type: 'object',
  properties: {
    id: {
      type: 'string',
      description: "The area's id, as stored by self-assessments and plans: '1.1', '1.2a' … '7.1'",
    },
    title: { type: 'string', description: 'In the language asked for' },
    titleEn: text,
    headings: { type: 'array', items: text, description: "The area's sub-headings, in order (English)" },
    notes: {
      type: 'array',
      description: 'Explanatory text, shown before the statements under the same heading (English)',
      items: {
        type: 'object',
        properties: { heading: { type: ['string', 'null'] }, text },
        required: ['heading', 'text'],
      },
    },
    statements: { type: 'array', items: statementSchema, description: 'The competence statements, in order (English)' },
  },
  required: ['id', 'title', 'titleEn', 'headings', 'notes', 'statements'],
} as const
const domainRef = {
  type: 'object',
  properties: { number: { type: 'integer' }, title: text, titleEn: text },
  required: ['number', 'title', 'titleEn'],
} as const
const langQuery = {
  type: 'object',
  properties: {
    lang: { type: 'string', enum: ['en', 'cy'], description: 'Language of the titles; the statements are in English' },
  },
  additionalProperties: false,
} as const
const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema } as const
const config = { action: 'competence_framework.view' } as const

const areaJson = (a: Area, lang: Lang) => ({
  id: a.id,
  title: a.title[lang],
  titleEn: a.title.en,
  headings: a.headings,
  notes: a.notes,
  statements: a.statements,
})
const domainJson = (d: Domain, lang: Lang) => ({ number: d.number, title: d.title[lang], titleEn: d.title.en })

export async function competenceFrameworkApi(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/competence-framework',
    {
      config,
      schema: {
        tags,
        summary: 'The Competence Framework for Social Prescribing Practitioners in Wales (2023), in full',
        querystring: langQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              title: text,
              published: text,
              lang: { type: 'string', enum: ['en', 'cy'] },
              statementsLang: { type: 'string', enum: ['en'] },
              corePhilosophy: {
                type: 'object',
                properties: { title: text, statements: { type: 'array', items: statementSchema } },
                required: ['title', 'statements'],
              },
              domains: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { ...domainRef.properties, areas: { type: 'array', items: areaSchema } },
                  required: [...domainRef.required, 'areas'],
                },
              },
            },
            required: ['title', 'published', 'lang', 'statementsLang', 'corePhilosophy', 'domains'],
          },
          ...problems,
        },
      },
    },
    async (request) => {
      const lang = (request.query as { lang?: Lang }).lang ?? request.lang
      return {
        title: framework.title,
        published: framework.published,
        lang,
        statementsLang: 'en',
        corePhilosophy: framework.corePhilosophy,
        domains: framework.domains.map((d) => ({
          ...domainJson(d, lang),
          areas: d.areas.map((a) => areaJson(a, lang)),
        })),
      }
    },
  )

  app.get(
    '/api/v1/competence-framework/areas/:id',
    {
      config,
      schema: {
        tags,
        summary: 'One area of the Competence Framework, with its statements',
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 10 } }, required: ['id'] },
        querystring: langQuery,
        response: {
          200: {
            type: 'object',
            properties: { ...areaSchema.properties, lang: langQuery.properties.lang, domain: domainRef },
            required: [...areaSchema.required, 'lang', 'domain'],
          },
          ...problems,
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const lang = (request.query as { lang?: Lang }).lang ?? request.lang
      const { id } = request.params as { id: string }
      const area = areaOf(id)
      if (!area) throw notFound()
      return { ...areaJson(area, lang), lang, domain: domainJson(domainOf(id)!, lang) }
    },
  )
}
