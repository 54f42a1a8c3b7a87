export * from './auth.config';
export * from './auth.decorators';
export * from './auth.module';
export * from './dev-token';
export * from './jwt-auth.guard';
export * from './principal';
export * from './token-verifier';
