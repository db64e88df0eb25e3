// @prisma/schema-engine-wasm imports its `.wasm` file as an ES module. The project's Node.js loads
// that natively, but warns on every run that importing WebAssembly modules is experimental: the
// CLI's output is read by people and by tests, so that one expected warning is dropped and every
// other warning is still printed by Node's own handler.
export function dropWasmImportWarning() {
  const nodeHandlers = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (isWasmImportWarning(warning)) return;
    for (const handler of nodeHandlers) handler(warning);
  });
}

export const isWasmImportWarning = (warning) => warning.name === 'ExperimentalWarning' && /WebAssembly/i.test(warning.message);
