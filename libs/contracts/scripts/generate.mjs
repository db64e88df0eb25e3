// `npm run contracts:generate`: formats and lints the .proto files, then regenerates
// src/generated/ from them. Commit the result; CI fails when it is out of date.
import { generatedFolder, runBuf } from './buf-cli.mjs';

for (const [title, args] of [
  ['formatting .proto files', ['format', '--write']],
  ['linting .proto files', ['lint']],
  [`generating TypeScript into libs/contracts/${generatedFolder}`, ['generate']],
]) {
  const { ok, output } = runBuf(args);
  if (output) console.log(output);
  if (!ok) {
    console.error(`contracts: ${title} failed`);
    process.exit(1);
  }
  console.log(`contracts: ${title}: done`);
}
