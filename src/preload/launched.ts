// bin/chkpt's one-process start leaves chkpt's own command line in
// CHKPT_LAUNCH. The launch code (its parser and all) is a bundle of its own,
// loaded only then: the preload of every other process stays small.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const VARIABLE = 'CHKPT_LAUNCH';

/** bin/chkpt's words, taken out of the environment (not for the script, nor its children); undefined without them. */
export function takeLaunchWords(): string | undefined {
  const encoded = process.env[VARIABLE];
  delete process.env[VARIABLE];
  return encoded;
}

/**
 * Applies the words: the capture settings, or undefined when the script runs
 * without capture. `leaving` runs before the process ends or hands the run
 * to the full CLI instead.
 */
export function applyLaunch(encoded: string, leaving: () => void): NodeJS.ProcessEnv | undefined {
  const bundle = fileURLToPath(new URL('../launch/launch.cjs', import.meta.url));
  const { launch } = createRequire(import.meta.url)(bundle) as typeof import('../launch/launch.js');
  return launch(encoded, leaving);
}
