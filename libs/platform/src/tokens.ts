export const APP_CONFIG = Symbol('AppConfig');
export const PROJECTION_STATUS = Symbol('ProjectionStatus');
