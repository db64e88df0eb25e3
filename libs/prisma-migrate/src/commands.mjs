// The two commands of the CLI, their arguments and their output. Every failure ends as one line
// on stderr and exit code 1.
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { createMigration } from './create.mjs';
import { describeConnection, postgresConnectionFromUrl } from './database-url.mjs';
import { deployMigrations } from './deploy.mjs';
import { oneLineError, parseEngineLog } from './engine-messages.mjs';
import { localDatabaseUrl, postgresServiceNames, prismaPaths } from './services.mjs';

const USAGE = `Usage:
  cli.mjs deploy [--service <name>]           apply pending migrations (every PostgreSQL service by default)
  cli.mjs create --service <name> --name <snake_name>
                                              write prisma/migrations/<timestamp>_<name>/ from the schema change
Options:
  --schema <path>   the service's schema.prisma lives elsewhere (its migrations folder sits beside it)
  --verbose         print every log line of the schema engine
deploy connects with DATABASE_URL when --service is given and DATABASE_URL is set,
otherwise with the service's URL from libs/topology/src/topology.mjs.`;

const OPTIONS = {
  service: { type: 'string' },
  name: { type: 'string' },
  schema: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

/** Runs one command line; returns the exit code. */
export async function runCommand(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    return fail(`${error.message}\n${USAGE}`);
  }
  const { values: options, positionals: [command, ...extra] } = parsed;
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (extra.length) return fail(`unexpected argument "${extra[0]}"\n${USAGE}`);
  if (options.schema && !options.service) return fail('--schema needs --service');
  const onLog = engineLogPrinter(options.verbose);
  if (command === 'deploy') return deploy(options, onLog);
  if (command === 'create') return create(options, onLog);
  return fail(`${command ? `unknown command "${command}"` : 'missing command'}\n${USAGE}`);
}

async function deploy(options, onLog) {
  const services = options.service ? [options.service] : await postgresServiceNames();
  let failures = 0;
  for (const service of services) {
    let target = service;
    try {
      const connection = postgresConnectionFromUrl(await databaseUrl(service, options));
      target = `${service} (${describeConnection(connection)})`;
      const { applied, known } = await deployMigrations({ paths: prismaPaths(service, options.schema), connection, onLog });
      const outcome = applied.length ? `applied ${applied.join(', ')}` : `up to date (${known} migration${known === 1 ? '' : 's'})`;
      console.log(`${target}: ${outcome}`);
    } catch (error) {
      failures += 1;
      console.error(`✖ ${target}: ${oneLineError(error)}`);
    }
  }
  return failures ? 1 : 0;
}

/** DATABASE_URL is how a container passes the URL of the one service it migrates. */
async function databaseUrl(service, options) {
  if (options.service && process.env.DATABASE_URL) return process.env.DATABASE_URL;
  return localDatabaseUrl(service);
}

async function create(options, onLog) {
  if (!options.service || !options.name) return fail(`create needs --service and --name\n${USAGE}`);
  try {
    const created = await createMigration({ paths: prismaPaths(options.service, options.schema), name: options.name, onLog });
    console.log(created ? `${options.service}: created ${relative(process.cwd(), created.path)}` : `${options.service}: no changes, no migration created`);
    return 0;
  } catch (error) {
    return fail(`${options.service}: ${oneLineError(error)}`);
  }
}

function engineLogPrinter(verbose) {
  return (line) => {
    const { level, text } = parseEngineLog(line);
    if (verbose || level === 'warn' || level === 'error') console.error(`  schema engine ${level}: ${text}`);
  };
}

function fail(message) {
  console.error(`✖ ${message}`);
  return 1;
}
