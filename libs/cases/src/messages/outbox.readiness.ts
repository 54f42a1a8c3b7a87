import type { ReadinessCheck, ReadinessContributor } from '@app/platform';

/** Without SMTP_URL e-mail waits queued: the instance still serves (200), `degraded`. */
export function outboxReadiness(smtpConfigured: boolean): ReadinessContributor {
  return {
    name: 'outbox',
    readiness: (): Promise<Omit<ReadinessCheck, 'name'>> =>
      Promise.resolve(
        smtpConfigured ? { status: 'ok' } : { status: 'degraded', reason: 'SMTP_URL is not set: e-mail to submitters waits queued' },
      ),
  };
}
