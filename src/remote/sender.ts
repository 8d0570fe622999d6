// What the capture worker loads, only for a run with a shared store
// (dist/remote/sender.cjs, a bundle of its own: the AWS SDK stays out of the
// worker's own bundle and out of every other run's start).
export { RemoteStore } from './remote-store.js';
export { pushRuns, type PushReport } from './push.js';
