// The script's worker threads: the main thread's session reports each one
// through the NodeWorker domain, and chkpt checkpoints it as a child run of
// the main thread's run, with a session of its own tunnelled through the main
// one. Each thread gets the same bridge as the main thread (required into it
// from dist/preload/thread-bridge.cjs), talking back over a BroadcastChannel.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BroadcastChannel } from 'node:worker_threads';
import type { CollectResult, StagingReady } from '../shared/capture-protocol.js';
import { debug } from '../shared/debug.js';
import type { CaptureSettings } from '../shared/settings.js';
import { CAPTURE_WORKER_NAME, type MainToWorker, POKE_MESSAGE, type ThreadHello, type WorkerStart } from '../shared/worker-protocol.js';
import type { InspectorClient, SessionLike } from './inspector-client.js';
import { DEBUGGER_ENABLE, Target } from './target.js';
import { TunnelSession } from './tunnel-session.js';

interface WorkerInfo {
  workerId: string;
  type: string;
  title: string;
  url: string;
}

interface Attached {
  target?: Target;
  tunnel: TunnelSession;
  channel: BroadcastChannel;
}

/** How long after a thread starts its entry file must be parsed. */
const ENTRY_TIMEOUT_MS = 10_000;

type ThreadMessage = MainToWorker | CollectResult | StagingReady | ThreadHello;

export class ThreadTargets {
  private readonly attached = new Map<string, Attached>();
  private stopped = false;

  constructor(
    private readonly main: InspectorClient,
    session: SessionLike,
    private readonly settings: CaptureSettings,
    private readonly start: WorkerStart,
    private readonly mainRun: () => string,
  ) {
    session.on('NodeWorker.attachedToWorker', (message) => {
      const params = (message as { params: { sessionId: string; workerInfo: WorkerInfo } }).params;
      void this.attach(params.sessionId, params.workerInfo);
    });
    session.on('NodeWorker.detachedFromWorker', (message) => this.detach((message as { params: { sessionId: string } }).params.sessionId));
    session.on('NodeWorker.receivedMessageFromWorker', (message) => {
      const params = (message as { params: { sessionId: string; message: string } }).params;
      this.attached.get(params.sessionId)?.tunnel.received(params.message);
    });
  }

  /** Starts watching the script's worker threads. */
  async enable(): Promise<void> {
    try {
      await this.main.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
    } catch (err) {
      debug('threads', `no worker threads: ${String(err)}`);
    }
  }

  /**
   * Stops every thread's schedule (the process is ending); resolves once the
   * checkpoints under way are done, their threads resumed. A thread left
   * paused when the session goes can never be resumed, and node's exit then
   * waits for it for ever.
   */
  stop(): Promise<unknown> {
    this.stopped = true;
    const targets = [...this.attached.values()].flatMap(({ target }) => (target ? [target] : []));
    for (const target of targets) target.scheduler.stop();
    return Promise.all(targets.map((target) => target.idle()));
  }

  private async attach(sessionId: string, info: WorkerInfo): Promise<void> {
    debug('threads', `thread ${info.workerId} started: ${info.type} '${info.title}' ${info.url || '(no url)'}`, 2);
    // chkpt's own capture worker is a worker thread too; so are node's own
    // (the module loader's hooks thread), which have no file. Threads of
    // code given as a string (`eval: true`) are left alone with them.
    if (this.stopped || info.title.endsWith(CAPTURE_WORKER_NAME) || !info.url.startsWith('file:')) return;
    const entry = fileURLToPath(info.url);
    // A package's own service thread (esbuild's, which tsx starts for every
    // TypeScript script) is not the script's: its checkpoints would hold
    // nothing, and each one paused it. One under way as the process exited
    // (a search for its functions runs a full GC, 1.7 s here) outlived the
    // 500 ms the main thread waits for chkpt to let go, and the thread was
    // left paused for ever: the rare hang of typed.ts.
    if (entry.split(path.sep).includes('node_modules')) {
      debug('threads', `worker thread ${info.workerId} runs a package's code (${entry}): not captured`, 2);
      return;
    }
    const tunnel = new TunnelSession(this.main, sessionId);
    const channel = new BroadcastChannel(`chkpt.${process.pid}.${info.workerId}.${randomBytes(4).toString('hex')}`);
    const attached: Attached = { tunnel, channel };
    this.attached.set(sessionId, attached);
    try {
      const start: WorkerStart = { ...this.start, entry, startedAt: Date.now() };
      const target = new Target({
        session: tunnel, settings: { ...this.settings }, start, entry, parentRun: this.mainRun, reportsCrash: false,
        // Arrives on the thread bridge's end of the channel, which ignores it.
        poke: () => channel.postMessage(POKE_MESSAGE),
      });
      attached.target = target;
      channel.onmessage = (event) => {
        const message = (event as unknown as { data: ThreadMessage }).data;
        if (message.type === 'hello') target.useControl(new Int32Array(message.control));
        else void target.onMessage(message);
      };
      // Nothing may run in the thread before node has set it up: requiring a
      // file during its bootstrap breaks node's own startup of the thread.
      // Its entry being parsed means that is done.
      const entryParsed = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), ENTRY_TIMEOUT_MS);
        tunnel.on('Debugger.scriptParsed', (message: { params: { url: string } }) => {
          if (message.params.url === info.url) {
            clearTimeout(timer);
            resolve(true);
          }
        });
      });
      await target.client.post('Debugger.enable', DEBUGGER_ENABLE);
      if (!(await entryParsed)) throw new Error('its entry was not seen');
      const bridge = fileURLToPath(new URL('../preload/thread-bridge.cjs', import.meta.url));
      const installed = await tunnel.call<{ result: { value?: unknown }; exceptionDetails?: unknown }>('Runtime.evaluate', {
        expression: `process.getBuiltinModule('node:module').createRequire(${JSON.stringify(bridge)})(${JSON.stringify(bridge)}).install(${JSON.stringify(channel.name)})`,
        returnByValue: true, silent: true,
      });
      if (installed.exceptionDetails || installed.result.value !== true) throw new Error('could not install the bridge in the worker thread');
      await target.collector.attach();
      if (!this.stopped) target.scheduler.start();
      debug('threads', `attached to worker thread ${info.workerId} (${entry})`);
    } catch (err) {
      debug('threads', `worker thread ${info.workerId} not captured: ${String(err)}`);
      this.detach(sessionId);
    }
  }

  private detach(sessionId: string): void {
    const attached = this.attached.get(sessionId);
    if (!attached) return;
    this.attached.delete(sessionId);
    attached.target?.scheduler.stop();
    attached.tunnel.close();
    attached.channel.close();
  }
}
