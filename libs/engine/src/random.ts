// The engine's seeded generator is the workspace's one (libs/core), re-exported for strategies and brokers.
export { seededRandom } from '@rustybt/core';
