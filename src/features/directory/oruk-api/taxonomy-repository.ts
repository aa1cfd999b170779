import type { TaxonomyTermRow } from './serialise.js'
import { type Db, likeEscape, offset, pageByName, type Paging } from './rows.js'

/* Taxonomies and their terms for the Open Referral UK API. */

export function listTaxonomies(db: Db, search: string | undefined, paging: Paging) {
  return pageByName(db, 'taxonomies', search, paging)
}

export function findTaxonomy(db: Db, id: string) {
  return db.selectFrom('taxonomies').selectAll().where('id', '=', id).executeTakeFirst()
}

function termsQuery(db: Db) {
  return db
    .selectFrom('taxonomy_terms')
    .leftJoin('taxonomies', 'taxonomies.id', 'taxonomy_terms.taxonomy_id')
    .selectAll('taxonomy_terms')
    .select('taxonomies.name as taxonomy_name')
}

export interface TermFilter {
  search?: string
  taxonomyId?: string
  parentId?: string
  topOnly?: boolean
}

export async function listTaxonomyTerms(
  db: Db,
  filter: TermFilter,
  paging: Paging,
): Promise<{ total: number; rows: TaxonomyTermRow[] }> {
  let base = db.selectFrom('taxonomy_terms')
  if (filter.search) base = base.where('taxonomy_terms.name', 'ilike', `%${likeEscape(filter.search)}%`)
  if (filter.taxonomyId) base = base.where('taxonomy_terms.taxonomy_id', '=', filter.taxonomyId)
  if (filter.parentId) base = base.where('taxonomy_terms.parent_id', '=', filter.parentId)
  if (filter.topOnly) base = base.where('taxonomy_terms.parent_id', 'is', null)
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst()
  const ids = await base
    .select('taxonomy_terms.id')
    .orderBy('taxonomy_terms.name')
    .orderBy('taxonomy_terms.id')
    .limit(paging.perPage)
    .offset(offset(paging))
    .execute()
  const rows = ids.length
    ? await termsQuery(db)
        .where(
          'taxonomy_terms.id',
          'in',
          ids.map((r) => r.id),
        )
        .orderBy('taxonomy_terms.name')
        .orderBy('taxonomy_terms.id')
        .execute()
    : []
  return { total: Number(counted?.count ?? 0), rows }
}

export function taxonomyTermsOf(db: Db, taxonomyId: string): Promise<TaxonomyTermRow[]> {
  return termsQuery(db).where('taxonomy_terms.taxonomy_id', '=', taxonomyId).orderBy('taxonomy_terms.name').execute()
}

export function findTaxonomyTerm(db: Db, id: string): Promise<TaxonomyTermRow | undefined> {
  return termsQuery(db).where('taxonomy_terms.id', '=', id).executeTakeFirst()
}

