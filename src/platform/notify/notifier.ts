import type { Logger } from 'pino'

/**
 * Messages to referrers and people (referral outcome, reminders). The logging notifier records that a message
 * would be sent, without its content or any personal data; a GOV.UK Notify notifier implements the same
 * interface later.
 */
export interface Notification {
  /**
   * 'episode.feedback': the outcome and summary of a closed episode, for the referrer who agreed to hear it (CF 3.1).
   * 'safeguarding_concern.raised': an asset raised a concern; the provider's safeguarding leads and practitioner hear.
   */
  kind: 'referral.accepted' | 'referral.declined' | 'referral.unable_to_contact' | 'referral.received' | 'connection.updated' | 'episode.feedback' | 'safeguarding_concern.raised'
  notificationId: string
  referralId?: string
  /** For 'connection.updated': the connection to a community asset whose status the asset changed. */
  connectionId?: string
  recipientUserId: string | null
}

export interface Notifier {
  send(notification: Notification): Promise<void>
}

export function loggingNotifier(logger: Pick<Logger, 'info'>): Notifier {
  return {
    async send(notification) {
      logger.info({ event: 'notification.sent', channel: 'log', ...notification }, 'notification (logged, not delivered)')
    },
  }
}
