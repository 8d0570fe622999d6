// Installed by the capture worker into each of the script's worker threads
// (bundled as dist/preload/thread-bridge.cjs and required there through the
// inspector): the same bridge as on the main thread, talking to the capture
// worker over a BroadcastChannel named for that thread. The control words
// travel once, in the first message.
import { BroadcastChannel } from 'node:worker_threads';
import { BRIDGE_KEY } from '../shared/runtime-bridge.js';
import { Control, createControl, Ready, setControl, type ThreadHello } from '../shared/worker-protocol.js';
import { installBridge } from './bridge.js';
import { hookExit } from './detach-at-exit.js';

/** Installs the bridge in this thread unless one is there; true when installed. */
export function install(channelName: string): boolean {
  if ((globalThis as Record<symbol, unknown>)[BRIDGE_KEY]) return false;
  const channel = new BroadcastChannel(channelName);
  // Never keeps the thread alive, and never shows the thread a message.
  (channel as BroadcastChannel & { unref(): void }).unref();
  const control = createControl();
  // Installed by the worker once attached to this thread.
  setControl(control, Control.READY, Ready.ATTACHED);
  const handle = installBridge(channel, control);
  hookExit(control, handle, false);
  channel.postMessage({ type: 'hello', control: control.buffer as SharedArrayBuffer } satisfies ThreadHello);
  return true;
}
