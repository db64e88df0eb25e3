import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWasmImportWarning } from './wasm-import-warning.mjs';

const warning = (name, message) => Object.assign(new Error(message), { name });

describe('isWasmImportWarning', () => {
  it("matches Node's warning about importing WebAssembly modules", () => {
    assert.equal(isWasmImportWarning(warning('ExperimentalWarning', 'Importing WebAssembly module instances is an experimental feature and might change at any time')), true);
  });

  it('lets every other warning through', () => {
    assert.equal(isWasmImportWarning(warning('ExperimentalWarning', 'The Fetch API is an experimental feature')), false);
    assert.equal(isWasmImportWarning(warning('DeprecationWarning', 'WebAssembly.something is deprecated')), false);
  });
});
