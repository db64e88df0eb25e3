// Fetches the jars of Kafka and of the MongoDB stand-in from Maven Central, once: each profile of
// infra/local/pom.xml is copied into .local/jars/<profile>/, stamped with a hash of the pom so
// that a version change fetches again and everything else is instant.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { infraLocalFolder, localPaths } from './paths.mjs';
import { StackError } from './stack-error.mjs';

const pom = join(infraLocalFolder, 'pom.xml');
const stampFile = '.fetched-from-pom';

/** The folder holding every jar of `profile` ('kafka' or 'mongo'), fetched when missing. */
export async function ensureJars(profile) {
  const folder = join(localPaths.jars, profile);
  const pomHash = createHash('sha256').update(readFileSync(pom)).digest('hex');
  const stamp = join(folder, stampFile);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === pomHash) return folder;

  const started = Date.now();
  console.log(`  fetching the ${profile} jars from Maven Central into ${folder} (first run only)`);
  // Copied beside the real folder first, so an interrupted fetch never looks complete.
  const partial = `${folder}.partial`;
  rmSync(partial, { recursive: true, force: true });
  await runMaven(['-B', '-q', '-f', pom, '-P', profile, 'dependency:copy-dependencies', `-DoutputDirectory=${partial}`]);
  writeFileSync(join(partial, stampFile), pomHash);
  rmSync(folder, { recursive: true, force: true });
  renameSync(partial, folder);
  console.log(`  ${profile} jars ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return folder;
}

/** Java expands a classpath entry ending in `/*` to every jar of the folder. */
export const classpathOf = (folder) => join(folder, '*');

/** Maven's output is kept back unless it fails: even `-q -B` prints stray terminal codes. */
function runMaven(args) {
  return new Promise((resolve, reject) => {
    const maven = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    maven.stdout.on('data', (chunk) => (output += chunk));
    maven.stderr.on('data', (chunk) => (output += chunk));
    maven.on('error', (error) =>
      reject(new StackError(`cannot run Maven (${error.message}); install Maven 3 and Java 17+ (e.g. apt-get install maven)`)),
    );
    maven.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new StackError(`Maven could not fetch the jars (exit ${code}):`, { logTail: output.trim().split('\n').slice(-30).join('\n') }));
    });
  });
}

/** The JDK of JAVA_HOME when set, as Maven does; otherwise `java` from PATH. */
export const javaExecutable = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
