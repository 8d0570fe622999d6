// Messages between the preload (main thread of the script) and the capture
// worker. Types only, plus the layout of the shared control words: both sides
// import this module and nothing else of each other.

/** What the preload hands to the capture worker at start (its workerData). */
export interface WorkerStart {
  /** Marks the worker as chkpt's own, so the preload never recurses into it. */
  chkptCaptureWorker: true;
  /** Control words shared with the main thread; see `Control`. */
  control: SharedArrayBuffer;
}

/** Indices into the Int32Array over `WorkerStart.control`. */
export const Control = {
  /** Main thread sets 1 when the process is exiting: the worker must disconnect. */
  EXITING: 0,
  /** Worker sets 1 once its inspector session is disconnected. */
  DISCONNECTED: 1,
  /** Number of Int32 slots. */
  SIZE: 4,
} as const;

/** Posted by the worker once its inspector session is attached. */
export interface WorkerReady {
  type: 'ready';
}

/** Posted by the worker when it could not attach: capture stays off. */
export interface WorkerFailed {
  type: 'failed';
  reason: string;
}

export type WorkerToMain = WorkerReady | WorkerFailed;
