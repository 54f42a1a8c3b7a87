export type { UnitCommand, UnitState } from './unit.decider';
export * from './unit-history';
export * from './unit.events';
export * from './unit.view';
export * from './units.module';
export * from './load-unit';
export * from './projections';
