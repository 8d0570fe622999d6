// bin/chkpt's one-process start leaves chkpt's own command line in
// CHKPT_LAUNCH. The launch code (its parser and all) is a bundle of its own,
// loaded only then: the preload of every other process stays small.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const VARIABLE = 'CHKPT_LAUNCH';

/** Applies a launch if there is one; false when the script is to run without capture. */
export function takeLaunch(): boolean {
  const encoded = process.env[VARIABLE];
  if (encoded === undefined) return true;
  // Not for the script, nor for the processes it starts.
  delete process.env[VARIABLE];
  const bundle = fileURLToPath(new URL('../launch/launch.cjs', import.meta.url));
  const { launch } = createRequire(import.meta.url)(bundle) as { launch(encoded: string): boolean };
  return launch(encoded);
}
