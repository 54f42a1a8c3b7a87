export * from './open311.module';
export * from './api-keys/api-keys';
export * from './api-keys/open311-client.decider';
export * from './api-keys/open311-client.events';
export * from './list-requests/requests.projection';
