export * from './open311.module';
export * from './api-keys/api-keys';
export * from './api-keys/api-key-commands';
export * from './api-keys/issue-api-key/issue-api-key.command';
export * from './api-keys/revoke-api-key/revoke-api-key.command';
export * from './api-keys/open311-client.events';
export * from './list-requests/requests.projection';
