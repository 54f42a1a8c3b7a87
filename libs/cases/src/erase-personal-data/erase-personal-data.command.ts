import type { Principal } from '@app/auth';

/**
 * Erases a case's personal data (GDPR art. 17, or gallring): records who erased it and why, then destroys the case's
 * key so every read and replay shows the fields as erased. The log stays whole.
 */
export class ErasePersonalData {
  constructor(
    readonly caseId: string,
    /** An administrative note kept in the clear: it must hold no personal data. */
    readonly reason: string,
    readonly basis: 'request' | 'gallring',
    readonly user: Principal,
  ) {}
}
