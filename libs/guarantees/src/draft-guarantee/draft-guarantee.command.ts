import type { Principal } from '@app/auth';
import type { GuaranteeContentInput } from '../guarantee.events';

/** Drafts the guarantee of a unit for a year: its first version (admin, or a manager of the unit). */
export class DraftGuarantee {
  constructor(
    readonly unitId: string,
    readonly year: number,
    readonly content: GuaranteeContentInput,
    readonly user: Principal,
  ) {}
}
