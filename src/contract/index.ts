export * from './entities';
export * from './codes';
export * from './config';
export * from './records';
export * from './schema';
export * from './tiles';
