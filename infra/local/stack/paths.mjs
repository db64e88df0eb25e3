// Where the native stack keeps its state: everything under the git-ignored .local/ folder.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const infraLocalFolder = join(repositoryRoot, 'infra', 'local');

const local = join(repositoryRoot, '.local');
export const localPaths = {
  root: local,
  logs: join(local, 'logs'),
  pids: join(local, 'pids'),
  jars: join(local, 'jars'),
  kafka: join(local, 'kafka'),
  mongo: join(local, 'mongo'),
};

export const logFileOf = (component) => join(localPaths.logs, `${component}.log`);
