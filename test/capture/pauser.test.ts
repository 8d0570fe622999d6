// The pauser against a scripted inspector session: which commands it sends,
// when it pokes an idle thread, and that every pause it sees is resumed.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { InspectorClient, type SessionLike } from '../../src/capture/inspector-client.js';
import { Pauser, type PausedEvent } from '../../src/capture/pauser.js';

/**
 * A session whose thread pauses when `land()` is called, and, like V8, leaves
 * a pause some time after answering Debugger.resume and ignores a
 * Debugger.pause that comes before. It records every command.
 */
class FakeSession extends EventEmitter implements SessionLike {
  readonly sent: string[] = [];
  /** Whether a Debugger.pause is waiting for the thread to run JavaScript. */
  pending = false;
  paused = false;

  constructor(private readonly busy: boolean) {
    super();
  }

  post(method: string, _params: object, callback: (err: Error | null, result?: unknown) => void): void {
    this.sent.push(method);
    if (method === 'Debugger.pause' && !this.paused) {
      this.pending = true;
      // A busy thread stops at once; an idle one when something runs in it.
      if (this.busy) setImmediate(() => this.land());
    }
    if (method === 'Debugger.resume') {
      setTimeout(() => {
        this.paused = false;
        this.emit('Debugger.resumed', { method: 'Debugger.resumed', params: {} });
      }, 20);
    }
    setImmediate(() => callback(null, {}));
  }

  land(reason = 'other'): void {
    if (!this.pending) return;
    this.pending = false;
    this.paused = true;
    const params: PausedEvent = { reason, callFrames: [] };
    this.emit('Debugger.paused', { method: 'Debugger.paused', params });
  }
}

function pauserOn(session: FakeSession, poke: () => void): Pauser {
  const none = async (): Promise<void> => {};
  return new Pauser(new InspectorClient(session), session, poke, none, none);
}

describe('Pauser', () => {
  it('pauses a busy thread without poking it, and resumes it after the work', async () => {
    const session = new FakeSession(true);
    let pokes = 0;
    const pauser = pauserOn(session, () => pokes++);
    const value = await pauser.withPause(1000, async (event) => event.reason);
    assert.equal(value, 'other');
    assert.equal(pokes, 0);
    assert.deepEqual(session.sent, ['Debugger.pause', 'Debugger.resume']);
  });

  it('pokes an idle thread through its event loop, never with an inspector evaluation', async () => {
    const session = new FakeSession(false);
    let pokes = 0;
    const pauser = pauserOn(session, () => {
      pokes++;
      setImmediate(() => session.land());
    });
    const value = await pauser.withPause(1000, async () => 'read');
    assert.equal(value, 'read');
    assert.equal(pokes, 1);
    assert.deepEqual(session.sent, ['Debugger.pause', 'Debugger.resume']);
    assert.ok(!session.sent.some((m) => m.startsWith('Runtime.')));
  });

  it('gives up on a pause that does not land, and resumes it when it lands later', async () => {
    const session = new FakeSession(false);
    const pauser = pauserOn(session, () => {});
    const value = await pauser.withPause(60, async () => 'read');
    assert.equal(value, undefined);
    session.land();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(session.sent, ['Debugger.pause', 'Debugger.resume']);
  });

  it('resumes the thread when the work fails', async () => {
    const session = new FakeSession(true);
    const pauser = pauserOn(session, () => {});
    await assert.rejects(pauser.withPause(1000, async () => {
      throw new Error('broken');
    }), /broken/);
    assert.deepEqual(session.sent, ['Debugger.pause', 'Debugger.resume']);
  });

  it('asks for the next pause only once the thread has left the last one', async () => {
    const session = new FakeSession(true);
    const pauser = pauserOn(session, () => {});
    for (let i = 0; i < 3; i++) assert.equal(await pauser.withPause(500, async () => i), i);
  });

  it('waits for a pause it did not ask for to be left before asking for its own', async () => {
    const session = new FakeSession(true);
    const pauser = pauserOn(session, () => {});
    // A pause nobody awaits (a breakpoint's, say): the pauser resumes it at once.
    session.pending = true;
    session.land();
    assert.equal(await pauser.withPause(500, async () => 'mine'), 'mine');
  });

  it('takes one pause at a time', async () => {
    const session = new FakeSession(true);
    const pauser = pauserOn(session, () => {});
    const [first, second] = await Promise.all([
      pauser.withPause(1000, async () => 'first'),
      pauser.withPause(1000, async () => 'second'),
    ]);
    assert.equal(first, 'first');
    assert.equal(second, undefined);
  });
});
