// Runs one command of a multi-step script with a progress line, inheriting the terminal,
// and reports how long it took. Shared by build, test and demo scripts.
import { spawn } from 'node:child_process';

export function runStep(title, command, args, options = {}) {
  const started = Date.now();
  process.stdout.write(`▶ ${title}\n`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
    child.on('error', (error) => {
      process.stdout.write(`✖ ${title}: ${error.message}\n`);
      resolve(false);
    });
    child.on('exit', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const ok = code === 0;
      process.stdout.write(`${ok ? '✔' : '✖'} ${title} (${seconds} s${ok ? '' : `, exit ${code ?? signal}`})\n`);
      resolve(ok);
    });
  });
}

/** Runs a step and stops the whole script with its exit code when it fails. */
export async function mustRun(title, command, args, options) {
  if (!(await runStep(title, command, args, options))) process.exit(1);
}

/**
 * Hands this process over to another command: runs it with the terminal, passes SIGINT and
 * SIGTERM on, and exits with its exit code (1 when a signal ended it).
 */
export async function handOver(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  const code = await new Promise((done) => {
    child.on('error', () => done(1));
    child.on('exit', (exitCode, signal) => done(exitCode ?? (signal ? 1 : 0)));
  });
  process.exit(code);
}
