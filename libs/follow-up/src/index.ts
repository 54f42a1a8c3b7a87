export * from './follow-up.module';
export * from './report-columns';
export * from './report-export';
export * from './report-facts';
export * from './report.projection';
export * from './report.service';
export * from './yearly-figures';
export * from './report-case-tallies';
