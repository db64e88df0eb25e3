// @prisma/schema-engine-wasm imports its `.wasm` file as an ES module. Node.js 20 and 22 load
// those only with --experimental-wasm-modules, so the CLI starts itself again with that flag when
// the engine cannot be imported as it is. Newer Node.js versions need no second process.
import { spawn } from 'node:child_process';

const WASM_MODULES_FLAG = '--experimental-wasm-modules';

async function engineImports() {
  try {
    await import('@prisma/schema-engine-wasm');
    return true;
  } catch (error) {
    if (error?.code === 'ERR_UNKNOWN_FILE_EXTENSION') return false;
    throw error;
  }
}

/** Returns when the engine can be imported here; otherwise runs this script again with the flag and exits with its code. */
export async function relaunchWithWasmModulesIfNeeded() {
  if (await engineImports()) return;
  if (process.execArgv.includes(WASM_MODULES_FLAG)) throw new Error(`@prisma/schema-engine-wasm does not load even with ${WASM_MODULES_FLAG}`);
  const args = [...process.execArgv, WASM_MODULES_FLAG, '--disable-warning=ExperimentalWarning', ...process.argv.slice(1)];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  // Containers stop their main process only; the migration running in the child must hear it too.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  const exitCode = await new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  process.exit(exitCode);
}
