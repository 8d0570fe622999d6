// The rate limit of throw-site capture against a scripted session: the stack
// guard's questions are charged to the same 1% share as the pauses, and
// pauses stay off until the time spent fits the share again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExceptionWatch } from '../../src/capture/exceptions.js';
import { InspectorClient, type SessionLike } from '../../src/capture/inspector-client.js';
import type { ModuleScopes } from '../../src/capture/module-scopes.js';
import type { ScriptRegistry } from '../../src/capture/scripts.js';

function session(states: string[]): SessionLike {
  return {
    post(method: string, params: object, callback: (err: Error | null, result?: unknown) => void) {
      if (method === 'Debugger.setPauseOnExceptions') states.push((params as { state: string }).state);
      setImmediate(() => callback(null, {}));
    },
    on() {},
  } as unknown as SessionLike;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('exception pauses', () => {
  it('go off once the stack guard has cost more than the share, and say so to the main thread', async () => {
    const states: string[] = [];
    const told: boolean[] = [];
    let questions = 0;
    const watch = new ExceptionWatch(new InspectorClient(session(states)), {} as ScriptRegistry, {} as ModuleScopes,
      (on) => told.push(on), () => { const n = questions; questions = 0; return n; });
    await watch.enable();
    assert.deepEqual(states, ['all']);
    // 20,000 questions at 13 µs: 260 ms, over the 150 ms allowance.
    questions = 20_000;
    await sleep(250);
    assert.deepEqual(states, ['all', 'none']);
    assert.deepEqual(told, [true, false]);
    // A second later they are still off: 110 ms over the allowance fits 1% of the time only after 11 s.
    await sleep(1100);
    assert.deepEqual(states, ['all', 'none']);
  });

  it('stay on while the guard costs little', async () => {
    const states: string[] = [];
    let questions = 0;
    const watch = new ExceptionWatch(new InspectorClient(session(states)), {} as ScriptRegistry, {} as ModuleScopes,
      () => {}, () => { const n = questions; questions = 0; return n; });
    await watch.enable();
    questions = 100; // 1.3 ms
    await sleep(250);
    assert.deepEqual(states, ['all']);
  });
});
