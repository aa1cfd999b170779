import type { FastifyInstance } from 'fastify'
import { can, type Action } from '../../platform/access/policy.js'
import type { Role } from '../../platform/db/schema.js'

/** What each role finds on its home page: links to the work it does, shown only where the policy allows. */
const roleLinks: Record<Role, { href: string; key: string; action: Action }[]> = {
  admin: [
    { href: '/admin/organisations', key: 'home.links.organisations', action: 'admin.organisations.view' },
    { href: '/admin/users', key: 'home.links.users', action: 'admin.users.view' },
    { href: '/admin/audit', key: 'home.links.audit', action: 'admin.audit.search' },
  ],
  practitioner: [{ href: '/triage', key: 'home.links.triage', action: 'referrals.triage' }],
  team_lead: [{ href: '/triage', key: 'home.links.triage', action: 'referrals.triage' }],
  referrer: [
    { href: '/referrals/new', key: 'home.links.newReferral', action: 'referrals.create' },
    { href: '/referrals/sent', key: 'home.links.sentReferrals', action: 'referrals.view' },
  ],
  asset: [{ href: '/directory/manage', key: 'directory.manage.titleAsset', action: 'directory.manage.view' }],
  directory_editor: [
    { href: '/directory/manage', key: 'directory.manage.nav', action: 'directory.manage' },
    { href: '/directory/manage/proposals', key: 'directory.manage.proposalsLink', action: 'directory.proposals.review' },
  ],
  commissioner: [],
  safeguarding_lead: [],
}

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { action: 'public' } }, async (request, reply) => {
    return reply.view('features/home/views/start.njk', { title: request.t('home.start.title') })
  })

  app.get('/home', { config: { action: 'account.view' } }, async (request, reply) => {
    const user = request.user
    if (!user) return reply.redirect('/sign-in', 303)
    // A link shows once, under the first of the user's roles that has it (a team lead is also a practitioner).
    const shown = new Set<string>()
    const sections = user.roles.map((role) => ({
      role,
      links: roleLinks[role].filter((link) => can(user, link.action) && !shown.has(link.href) && shown.add(link.href)),
    }))
    return reply.view('features/home/views/home.njk', { title: request.t('home.signedIn.title'), sections })
  })
}
