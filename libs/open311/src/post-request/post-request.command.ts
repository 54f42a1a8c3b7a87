import type { Principal } from '@app/auth';

/**
 * Files a service request (POST requests.json) for an Open311 client: the form body as the client sent it, without
 * its api_key (see Open311KeyGuard), and the client as the principal the case is registered by.
 */
export class FileServiceRequest {
  constructor(
    readonly body: Record<string, unknown>,
    readonly client: Principal,
  ) {}
}
