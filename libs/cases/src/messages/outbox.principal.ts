import { systemPrincipal } from '@app/auth';

/** Who sends: recorded as the actor of the claims and outcomes, and of the acknowledgement a sent receipt makes. */
export const OUTBOX = systemPrincipal('outbox', 'Utskick till den som skrivit');
