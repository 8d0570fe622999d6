// `chkpt ls --store s3://bucket/prefix`: the runs of a shared store, from its
// index (src/remote/list.ts), as `chkpt ls` lists a local store's.
import { ChkptError, ErrorCode } from '../../shared/errors.js';
import { displayPath } from '../format/paths.js';
import { tableLines } from '../format/table.js';
import { countText, durationText, timeText } from '../format/units.js';
import { isoTime, print, printJson, style } from './common.js';
import type { LsOptions } from './ls.js';

export async function lsRemote(url: string, ref: string | undefined, opts: LsOptions): Promise<void> {
  const { RemoteStore } = await import('../../remote/remote-store.js');
  const { listRemoteRuns } = await import('../../remote/list.js');
  const remote = new RemoteStore(url);
  try {
    // This machine's runs not sent yet go first.
    const { sendPending } = await import('../../remote/pending.js');
    await sendPending(remote);
    const all = await listRemoteRuns(remote);
    if (all.newer) process.stderr.write(`chkpt: ${all.newer} run(s) in ${remote.url} were sent by a newer chkpt and are not listed: upgrade chkpt to see them.\n`);
    let runs = [...all];
    if (ref !== undefined) {
      runs = runs.filter((r) => r.run.id.startsWith(ref));
      if (runs.length === 0) throw new ChkptError(ErrorCode.NOT_FOUND, `No run \`${ref}\` in ${remote.url} (\`chkpt ls --store ${remote.url}\` lists them).`, { ref, url: remote.url });
    }
    if (opts.json) {
      return printJson(runs.map(({ run, end, checkpoints }) => ({
        id: run.id, script: run.script, argv: run.argv, cwd: run.cwd, hostname: run.hostname, nodeVersion: run.nodeVersion,
        startedAt: isoTime(run.startedAt), endedAt: isoTime(end?.endedAt), status: end?.status ?? 'running',
        exitCode: end?.exitCode ?? null, signal: end?.signal ?? null, parentRunId: run.parentRunId ?? null, checkpoints,
      })));
    }
    if (runs.length === 0) {
      process.stderr.write(`chkpt: ${remote.url} has no runs yet: \`chkpt push ${remote.url}\` sends a local store's.\n`);
      return;
    }
    const rows = runs.map(({ run, end, checkpoints }) => [
      run.id, `${run.parentRunId ? '↳ ' : ''}${displayPath(run.script)}`, run.argv.join(' '), run.hostname, timeText(run.startedAt),
      end?.endedAt !== undefined ? durationText(end.endedAt - run.startedAt) : 'running',
      end ? (end.signal ?? String(end.exitCode ?? end.status)) : 'running', countText(checkpoints.length),
    ]);
    print(tableLines([
      { header: 'RUN' }, { header: 'SCRIPT', max: 40 }, { header: 'ARGS', max: 30 }, { header: 'HOST' }, { header: 'STARTED' },
      { header: 'TOOK', right: true }, { header: 'EXIT', right: true }, { header: 'CKPTS', right: true },
    ], rows, style()));
  } finally {
    remote.close();
  }
}
