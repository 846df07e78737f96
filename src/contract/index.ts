export * from './entities';
export * from './codes';
export * from './tiles';
