// A node:test reporter that counts leaf tests and writes one JSON line at the
// end, so run-tests.mjs can fail a run in which no test executed.
export default async function* countReporter(source) {
  const counts = { pass: 0, fail: 0, skip: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) counts.skip++;
    else if (event.type === 'test:pass') counts.pass++;
    else counts.fail++;
  }
  yield JSON.stringify(counts);
}
