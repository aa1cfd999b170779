import { type Action, can } from '../access/policy.js'
import type { Role } from '../db/schema.js'
import type { Translate } from '../i18n/i18n.js'
import type { SignedInUser } from './context.js'

interface NavigationEntry {
  href: string
  key: string
  action: Action
  /** Shown only to these roles, where the action alone admits more people than the entry is for. */
  roles?: Role[]
}

/** The signed-in menu: each entry shows only to those the access policy lets through. */
const entries: NavigationEntry[] = [
  { href: '/home', key: 'common.nav.home', action: 'account.view' },
  { href: '/caseload', key: 'common.nav.caseload', action: 'caseload.view' },
  { href: '/triage', key: 'common.nav.triage', action: 'referrals.triage' },
  { href: '/safeguarding', key: 'common.nav.safeguarding', action: 'safeguarding.view', roles: ['safeguarding_lead', 'team_lead'] },
  { href: '/directory', key: 'common.nav.directory', action: 'public', roles: ['practitioner', 'team_lead', 'referrer'] },
  { href: '/referrals/sent', key: 'common.nav.sentReferrals', action: 'referrals.view', roles: ['referrer'] },
  { href: '/asset', key: 'assetPortal.nav', action: 'asset.connections.view' },
  { href: '/directory/manage', key: 'directory.manage.nav', action: 'directory.manage.view' },
  { href: '/directory/gaps', key: 'common.nav.gaps', action: 'directory.gaps.view' },
  // Case studies (CS §118) and the 'you said, we did' log (App. Two), for the provider's practitioners and team leads.
  { href: '/case-studies', key: 'caseStudies.nav', action: 'case_studies.view' },
  { href: '/you-said-we-did', key: 'caseStudies.feedback.nav', action: 'feedback_log.view' },
  // The experience survey's results for the organisation (issue 6 §5): its practitioners and team leads.
  { href: '/experience', key: 'experience.nav', action: 'experience.view' },
  // Reporting (issue 7): the RBA report and the Core Data Set catalogue; the service's period return for managers.
  { href: '/reports', key: 'reports.nav', action: 'reports.view' },
  { href: '/core-data-set', key: 'coreDataSet.nav', action: 'core_data_set.view', roles: ['practitioner', 'team_lead', 'commissioner', 'admin'] },
  { href: '/service-returns', key: 'serviceReturns.nav', action: 'service_returns.manage' },
  // Workforce and quality (issue 8): self-assessment against the Competence Framework, supervision, the workforce
  // record and the organisation's Core Standards self-assessment; commissioners see the workforce dataset.
  { href: '/competence', key: 'competence.nav', action: 'competence.manage_own' },
  { href: '/competence/team', key: 'teamCompetence.nav', action: 'competence.team.view' },
  { href: '/supervision', key: 'supervision.nav', action: 'supervision.view' },
  { href: '/workforce', key: 'workforce.nav', action: 'workforce.report.view' },
  { href: '/standards-assessment', key: 'standardsAssessment.nav', action: 'standards_assessment.view' },
  { href: '/admin/organisations', key: 'common.nav.organisations', action: 'admin.organisations.view' },
  { href: '/admin/users', key: 'common.nav.users', action: 'admin.users.view' },
  { href: '/admin/audit', key: 'common.nav.audit', action: 'admin.audit.search' },
  { href: '/admin/instruments', key: 'instruments.settings.nav', action: 'instruments.settings.manage' },
  { href: '/account', key: 'common.nav.account', action: 'account.view' },
]

export function navigationFor(user: SignedInUser | null, t: Translate, currentPath: string) {
  if (!user) return []
  const shown = entries.filter((entry) => can(user, entry.action) && (!entry.roles || entry.roles.some((role) => user.roles.includes(role))))
  // One entry is current: the longest that contains the page (/competence/team is the team's entry, not /competence).
  const containing = shown.filter((entry) => currentPath === entry.href || currentPath.startsWith(`${entry.href}/`))
  const current = containing.sort((a, b) => b.href.length - a.href.length)[0]
  return shown.map((entry) => ({ href: entry.href, text: t(entry.key), active: entry === current }))
}
