// `chkpt push <s3://bucket/prefix> [run...]`: sends runs of a local store to
// a shared store in object storage (src/remote/), what was not sent before.
import { bytesText, plural } from '../format/units.js';
import { type JsonOption, type StoreOption, printJson, withStore } from './common.js';

export interface PushOptions extends StoreOption, JsonOption {}

export async function pushCommand(to: string, runs: string[], opts: PushOptions): Promise<void> {
  const { RemoteStore } = await import('../../remote/remote-store.js');
  const { pushRuns } = await import('../../remote/push.js');
  const { UNSENT_NOTE_ENV, clearUnsent } = await import('../../remote/unsent.js');
  const remote = new RemoteStore(to);
  try {
    await withStore(opts, async (store) => {
      const ids = runs.length > 0 ? runs.map((ref) => store.run(ref).id) : undefined;
      const report = await pushRuns(store.raw, remote, ids);
      // Started for a run noted as unsent (src/remote/unsent.ts): all of it is there now.
      const note = process.env[UNSENT_NOTE_ENV];
      if (note) clearUnsent(note);
      if (opts.json) return printJson(report);
      process.stdout.write(report.checkpoints === 0 && report.runs === 0
        ? `chkpt: ${remote.url} has everything already.\n`
        : `chkpt: sent ${plural(report.checkpoints, 'checkpoint')} of ${plural(report.runs, 'run')} to ${remote.url}: `
          + `${plural(report.chunksSent, 'chunk')} (${bytesText(report.bytesSent)}), ${report.chunksPresent} already there.\n`);
    });
  } finally {
    remote.close();
  }
}
