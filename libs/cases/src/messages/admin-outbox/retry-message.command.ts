import type { Principal } from '@app/auth';

/** An administrator puts a finally failed e-mail back in the queue: it is tried again, its attempts counted from none. */
export class RetryMessage {
  constructor(
    readonly messageId: string,
    readonly user: Principal,
  ) {}
}
