import type { Principal } from '@app/auth';

/**
 * Logs a disclosure of a confidential case's text, whoever reads it and by whichever path (the case GET, the audit
 * reads and exports), on `disclosure-<caseId>`. A personal-data extract (GDPR art. 15) of any case is logged the same
 * way, with `purpose: 'extract'`.
 */
export class RecordDisclosure {
  constructor(
    readonly reader: Principal,
    readonly disclosed: { caseId: string; reference: string },
    readonly purpose?: 'extract',
  ) {}
}
