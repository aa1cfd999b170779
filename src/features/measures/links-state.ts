/** A sent link as the practitioner sees it (never its token): sent on, expires on, and whether it is still open. */
export interface LinkFacts {
  id: string
  created_at: Date
  expires_at: Date
  used_at: Date | null
  revoked_at: Date | null
}

export type SentLinkState = 'open' | 'used' | 'expired' | 'revoked'

export function linkState(link: LinkFacts | null, now: Date): { state: SentLinkState; sentAt: Date; expiresAt: Date; usedAt: Date | null } | null {
  if (!link) return null
  const state: SentLinkState = link.revoked_at ? 'revoked' : link.used_at ? 'used' : link.expires_at.getTime() <= now.getTime() ? 'expired' : 'open'
  return { state, sentAt: link.created_at, expiresAt: link.expires_at, usedAt: link.used_at }
}
