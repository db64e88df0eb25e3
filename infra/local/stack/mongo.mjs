// The MongoDB stand-in: mongo-java-server behind infra/local/mongo/MongoStandIn.java, run by
// Java's single-file source launcher, its data in one H2 file under .local/mongo.
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { host, infra, portVariableFor } from '../../../libs/topology/src/topology.mjs';
import { classpathOf, ensureJars, javaExecutable } from './jars.mjs';
import { infraLocalFolder, localPaths } from './paths.mjs';
import { startDetached } from './processes.mjs';

const { port } = infra.mongo;

export const mongoComponent = {
  name: 'mongo',
  label: 'the MongoDB stand-in',
  ports: [{ port, variable: portVariableFor(port) }],
  endpoint: `mongodb://${host}:${port}`,
  stopDeadlineMs: 10_000,
  start: startMongo,
  isReady: mongoAnswers,
};

// slf4j-simple: warnings only, except the server's start and stop (every client connection is
// logged at INFO otherwise, readiness probes included).
const QUIET_LOGGING = [
  '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
  '-Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.MongoServer=info',
  '-Dorg.slf4j.simpleLogger.showDateTime=true',
];

async function startMongo() {
  const jars = await ensureJars('mongo');
  const launcher = join(infraLocalFolder, 'mongo', 'MongoStandIn.java');
  return startDetached('mongo', javaExecutable, ['-Xmx256m', ...QUIET_LOGGING, '-cp', classpathOf(jars), launcher, host, String(port), localPaths.mongo]);
}

async function mongoAnswers() {
  const client = new MongoClient(`mongodb://${host}:${port}/`, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}
