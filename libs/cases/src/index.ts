export * from './breach-link.reactor';
export * from './case.decider';
export * from './case.events';
export * from './case.view';
export * from './cases.module';
export * from './load-case';
export * from './case.personal-data';
export * from './erase-personal-data/personal-data-eraser';
