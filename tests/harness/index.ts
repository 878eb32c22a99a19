// The browser-test harness (no vitest imports here: scripts/demo.mjs and scripts/bench.mjs use it too).
export * from './paths';
export * from './request-guard';
export * from './extension';
export * from './fixtures';
export * from './tabs';
export * from './live-state';
export * from './wait';
