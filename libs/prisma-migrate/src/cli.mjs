#!/usr/bin/env node
// Prisma migrations without the native schema engine. `deploy` applies pending migrations,
// `create` writes a new one; run with --help, and see ../README.md.
import { dropWasmImportWarning } from './wasm-import-warning.mjs';

dropWasmImportWarning();
const { runCommand } = await import('./commands.mjs');
const exitCode = await runCommand(process.argv.slice(2));
// Exit explicitly: the engine leaves its 10 s advisory-lock timer running after it is done.
process.exit(exitCode);
