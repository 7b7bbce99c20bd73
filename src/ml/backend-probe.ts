import { probeHere } from './backend';

/**
 * Run as a child process by `probeBackends()`: tries every TensorFlow.js backend here and prints the result as one
 * JSON line, so that the process asking never loads a native binding itself.
 */
probeHere()
  .then((result) => {
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(0);
  })
  .catch((err) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  });
