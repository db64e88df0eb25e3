// CI gate: fails when the .proto files are unformatted or break a lint rule, or when the committed
// generated code differs from what they generate today (someone edited it, or forgot to regenerate).
import { checkProtoSources, findGeneratedDrift } from './generated-drift.mjs';

const problems = [...checkProtoSources(), ...findGeneratedDrift()];
if (problems.length > 0) {
  console.error(`libs/contracts is out of date:\n- ${problems.join('\n- ')}\n`);
  console.error('Run `npm run contracts:generate` and commit the result; never edit src/generated/ by hand.');
  process.exit(1);
}
console.log('libs/contracts: .proto files lint-clean, generated code up to date');
