export * from './unit.decider';
export * from './unit.events';
export * from './unit.view';
export * from './units.module';
export * from './load-unit';
export * from './projections';
