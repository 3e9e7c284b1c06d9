// Pure statistics for the metrics API: no I/O, no HTTP, exhaustively unit-tested.
export * from './nps';
export * from './drivers';
export * from './health';
export * from './proportions';
export * from './scores';
export * from './series';
export * from './compare';
export * from './buckets';
export * from './time-zone';
