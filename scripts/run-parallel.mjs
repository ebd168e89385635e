// Runs each argument as a shell command, all at once, and fails if any of them failed: for the independent
// single-threaded checks in `npm test` (eslint and prettier, the client's tsc and the rest), so a 2-core CI
// machine keeps both cores busy. Output interleaves; every tool names the file it complains about.
import { spawn } from 'node:child_process';

const codes = await Promise.all(
  process.argv.slice(2).map(
    (command) =>
      new Promise((resolve) => {
        const child = spawn(command, { shell: true, stdio: 'inherit' });
        child.on('error', () => resolve(1));
        child.on('exit', (code) => resolve(code ?? 1));
      }),
  ),
);
process.exit(codes.find((code) => code !== 0) ?? 0);
