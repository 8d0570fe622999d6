// The parameters of Debugger.enable, for every session chkpt opens: the
// capture worker's and the main thread's own before the worker attaches.

/**
 * Every Runtime.evaluate and callFunctionOn compiles a script of its own
 * (about 16 a second were counted at ten checkpoints a second), and without a
 * cap V8's debugger keeps the source of every such script after it is
 * collected, for the life of the session. The cap bounds that cache.
 */
export const DEBUGGER_ENABLE = { maxScriptsCacheSize: 1024 * 1024 };
