// What the benchmark commands share: their options read with `--help` printing the usage, numbers
// that must be positive checked against it, and kafkajs's warnings on Node 26 kept quiet.
import { parseArgs } from 'node:util';

/** Reads `options` (node:util parseArgs; `--help` is added); exits after the usage for --help. */
export function readBenchArgs(options, usage) {
  const { values } = parseArgs({ options: { ...options, help: { type: 'boolean', default: false } } });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  /** `text` as a number above 0; otherwise the process ends (2) with what was wrong and the usage. */
  const positive = (name, text) => {
    const number = Number(text);
    if (!(number > 0)) {
      console.error(`✖ --${name} must be a positive number, not ${JSON.stringify(text)}\n${usage}`);
      process.exit(2);
    }
    return number;
  };
  return { values, positive };
}

/** kafkajs 2.2.4 sets negative timeouts on Node 26, which warns on each; nothing else is silenced. */
export function quietKafkajsTimeoutWarnings() {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => warning.name === 'TimeoutNegativeWarning' || console.warn(`${warning.name}: ${warning.message}`));
}
