import type { Kysely } from 'kysely'
import type { DB, OrganisationType, Role } from '../../platform/db/schema.js'
import { hashPassword } from '../../platform/security/passwords.js'
import { randomToken } from '../../platform/security/tokens.js'
import { loadTeamDemo } from '../teams/demo.js'

/**
 * A small, realistic demonstration set (DESIGN §4): organisations of every type in Welsh places, and one
 * account per role. Loaded only outside production, and only when the demo accounts are not there yet.
 */
export const DEMO_DOMAIN = 'demo.cyswllt.test'

interface DemoOrganisation {
  key: string
  name: string
  nameCy: string
  type: OrganisationType
  areas: string[]
}

export const demoOrganisations: DemoOrganisation[] = [
  { key: 'cardiff', name: 'Cardiff and Vale Community Connectors', nameCy: "Cysylltwyr Cymunedol Caerdydd a'r Fro", type: 'provider', areas: ['W06000015', 'W06000014'] },
  { key: 'gwynedd', name: 'Gwynedd Community Link', nameCy: 'Cyswllt Cymunedol Gwynedd', type: 'provider', areas: ['W06000002', 'W06000001'] },
  { key: 'surgery', name: 'Heol y Bont Surgery', nameCy: 'Meddygfa Heol y Bont', type: 'referrer', areas: ['W06000015'] },
  { key: 'shed', name: 'Aberystwyth Community Shed', nameCy: 'Sied Gymunedol Aberystwyth', type: 'asset', areas: ['W06000008'] },
  { key: 'rpb', name: 'Cardiff and Vale Regional Partnership Board', nameCy: "Bwrdd Partneriaeth Rhanbarthol Caerdydd a'r Fro", type: 'commissioner', areas: ['W06000015', 'W06000014'] },
  { key: 'national', name: 'Cyswllt National Team', nameCy: 'Tîm Cenedlaethol Cyswllt', type: 'commissioner', areas: [] },
]

interface DemoAccount {
  email: string
  name: string
  organisation: string
  roles: Role[]
}

export const demoAccounts: DemoAccount[] = [
  { email: `admin@${DEMO_DOMAIN}`, name: 'Alys Administrator', organisation: 'national', roles: ['admin'] },
  { email: `practitioner@${DEMO_DOMAIN}`, name: 'Rhian Practitioner', organisation: 'cardiff', roles: ['practitioner'] },
  { email: `practitioner2@${DEMO_DOMAIN}`, name: 'Gareth Practitioner', organisation: 'gwynedd', roles: ['practitioner'] },
  { email: `teamlead@${DEMO_DOMAIN}`, name: 'Siân Team Lead', organisation: 'cardiff', roles: ['team_lead', 'practitioner'] },
  { email: `referrer@${DEMO_DOMAIN}`, name: 'Dr Owen Referrer', organisation: 'surgery', roles: ['referrer'] },
  { email: `asset@${DEMO_DOMAIN}`, name: 'Dafydd Asset', organisation: 'shed', roles: ['asset'] },
  { email: `editor@${DEMO_DOMAIN}`, name: 'Elin Editor', organisation: 'national', roles: ['directory_editor'] },
  { email: `commissioner@${DEMO_DOMAIN}`, name: 'Cerys Commissioner', organisation: 'rpb', roles: ['commissioner'] },
  { email: `safeguarding@${DEMO_DOMAIN}`, name: 'Nia Safeguarding Lead', organisation: 'cardiff', roles: ['safeguarding_lead'] },
]

export interface DemoResult {
  /** True when this call created the demo set (first start). */
  created: boolean
  /** The password, when this call chose one that nobody has seen yet (printed once by the caller). */
  generatedPassword: string | null
}

/**
 * Loads the demo set if it is absent. With `password` given (DEMO_PASSWORD), demo accounts are (re)set to it on
 * every start, so a documented password always works; otherwise one is generated once and returned.
 */
export async function loadDemoData(db: Kysely<DB>, password: string | undefined): Promise<DemoResult> {
  const existing = await db.selectFrom('users').select('id').where('email', '=', demoAccounts[0]!.email).executeTakeFirst()
  if (existing) {
    if (password) {
      const hash = await hashPassword(password)
      await db.updateTable('users').set({ password_hash: hash, failed_sign_ins: 0, locked_until: null }).where('email', 'in', demoAccounts.map((a) => a.email)).execute()
    }
    await loadTeamDemo(db)
    return { created: false, generatedPassword: null }
  }
  const chosen = password ?? randomToken(12)
  const hash = await hashPassword(chosen)
  await db.transaction().execute(async (trx) => {
    const ids = new Map<string, string>()
    for (const org of demoOrganisations) {
      const found = await trx.selectFrom('organisations').select('id').where('name', '=', org.name).executeTakeFirst()
      const id = found?.id ?? (await trx.insertInto('organisations').values({ name: org.name, name_cy: org.nameCy, type: org.type }).returning('id').executeTakeFirstOrThrow()).id
      ids.set(org.key, id)
      if (!found && org.areas.length) await trx.insertInto('organisation_areas').values(org.areas.map((code) => ({ organisation_id: id, local_authority_code: code }))).execute()
    }
    for (const account of demoAccounts) {
      const user = await trx
        .insertInto('users')
        .values({ email: account.email, name: account.name, organisation_id: ids.get(account.organisation) as string, password_hash: hash, password_changed_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx.insertInto('user_roles').values(account.roles.map((role) => ({ user_id: user.id, role }))).execute()
    }
    await trx.insertInto('audit_events').values({ action: 'demo_data.load', detail: JSON.stringify({ organisations: demoOrganisations.length, users: demoAccounts.length }) }).execute()
  })
  // Teams (issue 7): North and South for the Cardiff provider, with its practitioner and team lead in them.
  await loadTeamDemo(db)
  return { created: true, generatedPassword: password ? null : chosen }
}
