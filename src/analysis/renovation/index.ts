/**
 * Renovation analysis (老旧小区改造): compound status and its timeline, coverage figures per grid,
 * community and sub-district, the gap list, chart series. The area split (./split.ts, turf) is
 * imported directly by the pipeline, so the browser bundle does not carry polygon clipping.
 */
export * from './status';
export * from './months';
export * from './coverage';
export * from './gaps';
export * from './series';
