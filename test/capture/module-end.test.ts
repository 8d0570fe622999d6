// Where the end-of-module breakpoints go, against a scripted session: they
// must not make V8 prepare the script's other functions for debugging (asking
// for the possible breakpoints of a range does, and those functions then run
// unoptimized for the rest of the run).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InspectorClient, type SessionLike } from '../../src/capture/inspector-client.js';
import { ModuleEnd } from '../../src/capture/module-end.js';

interface Sent { method: string; params: Record<string, unknown> }
interface Location { lineNumber: number; columnNumber: number; type?: string }

/**
 * A script as a TypeScript loader emits CommonJS: line 0 opens the wrapper
 * and holds all the code, line 1 closes it (`})()`), line 2 is a comment
 * after which the module function returns.
 */
const LOCATIONS: Location[] = [
  { lineNumber: 0, columnNumber: 30 }, { lineNumber: 0, columnNumber: 400 },
  { lineNumber: 1, columnNumber: 0, type: 'return' }, { lineNumber: 1, columnNumber: 4, type: 'call' },
  { lineNumber: 2, columnNumber: 90, type: 'return' },
];

function session(sent: Sent[]): SessionLike {
  return {
    post(method: string, params: object, callback: (err: Error | null, result?: unknown) => void) {
      const p = params as Record<string, unknown>;
      sent.push({ method, params: p });
      let result: unknown = {};
      if (method === 'Debugger.getPossibleBreakpoints') {
        const start = p['start'] as Location;
        // restrictToFunction from the top: the module function's own places.
        const within = p['restrictToFunction'] ? [LOCATIONS[3]!, LOCATIONS[4]!] : LOCATIONS.filter((l) => l.lineNumber >= start.lineNumber);
        result = { locations: within };
      }
      if (method === 'Debugger.setBreakpoint') result = { breakpointId: `bp${sent.length}` };
      if (method === 'Debugger.getScriptSource') result = { scriptSource: 'run();' };
      setImmediate(() => callback(null, result));
    },
    on() {},
  } as unknown as SessionLike;
}

async function settle(sent: Sent[]): Promise<void> {
  for (let i = 0; i < 50 && !sent.some((s) => s.method === 'Debugger.getScriptSource'); i++) await new Promise((r) => setImmediate(r));
}

const asked = (sent: Sent[]) => sent.filter((s) => s.method === 'Debugger.getPossibleBreakpoints');
const placed = (sent: Sent[]) => sent.filter((s) => s.method === 'Debugger.setBreakpoint').map((s) => s.params['location']);

describe('module end breakpoints', () => {
  it('an ES module entry: one breakpoint at its end, and no question about possible breakpoints', async () => {
    const sent: Sent[] = [];
    new ModuleEnd(new InspectorClient(session(sent))).entryParsed({ scriptId: '7', endLine: 12, endColumn: 0 }, false);
    await settle(sent);
    assert.deepEqual(sent.map((s) => s.method), ['Debugger.setBreakpoint', 'Debugger.getScriptSource']);
    assert.deepEqual(placed(sent), [{ scriptId: '7', lineNumber: 12, columnNumber: 0 }]);
  });

  it('a CommonJS entry: its own return, and the wrapper\'s on the last line with code, never a range over that code', async () => {
    const sent: Sent[] = [];
    new ModuleEnd(new InspectorClient(session(sent))).entryParsed({ scriptId: '3', endLine: 2, endColumn: 100 }, true);
    await settle(sent);
    const questions = asked(sent);
    assert.equal(questions[0]!.params['restrictToFunction'], true);
    // Back from the end one line at a time, stopping at the wrapper's closing line.
    assert.deepEqual(questions.slice(1).map((q) => (q.params['start'] as Location).lineNumber), [2, 1]);
    assert.deepEqual(placed(sent), [
      { scriptId: '3', lineNumber: 2, columnNumber: 90 },
      { scriptId: '3', lineNumber: 1, columnNumber: 0 },
    ]);
  });
});
