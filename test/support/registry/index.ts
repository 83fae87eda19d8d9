// Test infrastructure for anything that talks to a registry: real registries, synthetic images, faults.
export * from './servers.js';
export { describeWithRegistry } from './suite.js';
