// An S3-compatible server (s3rver) in a process of its own, for benchmarks
// that time other processes synchronously: prints {"port": n} once it
// listens, then serves until killed.
//   node --import tsx bench/lib/s3-server.ts <directory>
import S3rver from 's3rver';

const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: process.argv[2]! });
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
