import type { Principal } from '@app/auth';
import type { RegistrationInput } from '../case.decider';

/** What a registration says about the feedback, from whichever channel it came (the rules and reference come later). */
export type Registration = Omit<RegistrationInput, 'caseId' | 'reference' | 'rules'>;

/** Registers feedback under the next reference of its year: intake and admins for any unit, managers for their own. */
export class RegisterCase {
  constructor(
    readonly registration: Registration,
    readonly user: Principal,
  ) {}
}
