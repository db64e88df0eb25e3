// `npx nx g @shop/tooling:service <name> [--datastore postgres|mongo|none] [--grpc] [--kafka]`:
// writes apps/<name>-service from the templates in files/, in the shape of ARCHITECTURE.md, and
// wires it into every list that names the services. After Nx has written the files it runs what
// derives from them: the gRPC code (buf), the first migration (Prisma's engine) and the lock file.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { filesNotFor, normalizeOptions } from './options.mjs';
import { addEventContract, addGrpcContract, addToCompose, addToRootTsconfig, addToTopology, nextAppPorts } from './wiring.mjs';

const { generateFiles, readJson, writeJson } = createRequire(import.meta.url)('@nx/devkit');

const templates = join(import.meta.dirname, 'files');

export async function serviceGenerator(tree, rawOptions) {
  const options = normalizeOptions(rawOptions);
  const { names } = options;
  const appFolder = `apps/${names.appName}`;
  if (tree.exists(appFolder)) throw new Error(`${appFolder} exists already`);
  const topology = read(tree, 'libs/topology/src/topology.mjs');
  if (topology.includes(`name: '${names.appName}'`)) throw new Error(`the topology lists ${names.appName} already`);
  options.ports = nextAppPorts(topology);

  const substitutions = {
    ...names,
    taskFile: names.task.kebab,
    datastore: options.datastore,
    grpc: options.grpc,
    kafka: options.kafka,
    events: options.events,
    httpPort: options.ports.httpPort,
    grpcPort: options.ports.grpcPort,
    messagingModels: options.datastore === 'postgres' ? read(tree, 'libs/messaging/prisma/messaging.prisma') : '',
  };
  generateFiles(tree, join(templates, 'app'), 'apps', substitutions);
  for (const file of filesNotFor(options)) tree.delete(`${appFolder}/${file}`);
  writeJson(tree, `${appFolder}/package.json`, packageJson(tree, options));
  writeJson(tree, `${appFolder}/tsconfig.json`, tsconfig(options, { test: false }));
  writeJson(tree, `${appFolder}/tsconfig.spec.json`, tsconfig(options, { test: true }));

  if (options.grpc || options.events) {
    generateFiles(tree, join(templates, 'contracts'), '.', substitutions);
    if (!options.grpc) tree.delete(`libs/contracts/proto/${names.protoFile}`);
    if (!options.events) tree.delete(`libs/contracts/src/messages/${names.base}/${names.base}.events.ts`);
  }
  wire(tree, options);

  return () => afterWriting(tree.root, options);
}

function wire(tree, options) {
  const { names } = options;
  edit(tree, 'libs/topology/src/topology.mjs', (text) => addToTopology(text, options));
  edit(tree, 'docker-compose.yml', (text) => addToCompose(text, options));
  writeJson(tree, 'tsconfig.json', addToRootTsconfig(readJson(tree, 'tsconfig.json'), names));
  if (options.grpc) {
    const files = { packagesText: 'libs/contracts/src/grpc/grpc-packages.ts', servicesText: 'libs/contracts/src/grpc/grpc-services.ts' };
    writeAll(tree, files, addGrpcContract(readAll(tree, files), names));
  }
  if (options.events) {
    const files = {
      topicsText: 'libs/contracts/src/messages/topics.ts',
      allMessagesText: 'libs/contracts/src/messages/all-messages.ts',
      allMessagesSpecText: 'libs/contracts/src/messages/all-messages.spec.ts',
      indexText: 'libs/contracts/src/messages/index.ts',
    };
    writeAll(tree, files, addEventContract(readAll(tree, files), names));
  }
}

/** The steps that need the written files; each says what it does, and a failure stops the rest. */
async function afterWriting(root, options) {
  const { names } = options;
  if (options.grpc) run(root, 'generating the gRPC code (npm run contracts:generate)', process.execPath, ['libs/contracts/scripts/generate.mjs']);
  if (options.datastore === 'postgres') {
    const migrate = ['libs/prisma-migrate/src/cli.mjs', 'create', '--service', names.appName, '--name', 'init'];
    run(root, `writing ${names.appName}'s first migration (npm run db:migrate:create)`, process.execPath, migrate);
  }
  if (!options.skipInstall) {
    // The lock file only: node_modules needs nothing new (every dependency is one the workspace
    // has), and `npm ci` on a fresh clone refuses a lock file that misses a workspace.
    run(root, 'adding the workspace to package-lock.json', 'npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund']);
  }
  console.log(`\n${names.appName} is ready. Next:\n  npm run build && npm run stack:up   # builds it and starts it with the others\n  npm test                             # its tests run with everyone's\nSee apps/${names.appName}/README.md.`);
}

function run(root, title, command, args) {
  console.log(`▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${title} failed (exit ${result.status ?? result.signal})`);
}

/** The app's dependencies, at the versions the workspace already uses, so nothing new is installed. */
function packageJson(tree, options) {
  const wanted = [
    ...(options.grpc ? ['@grpc/grpc-js', '@grpc/proto-loader'] : []),
    '@nestjs/common',
    '@nestjs/core',
    '@nestjs/microservices',
    '@nestjs/platform-express',
    '@nestjs/terminus',
    ...(options.datastore === 'postgres' ? ['@prisma/adapter-pg', '@prisma/client', 'pg'] : []),
    ...(options.datastore === 'mongo' ? ['mongodb'] : []),
    ...(options.kafka ? ['kafkajs'] : []),
    'reflect-metadata',
    'rxjs',
    'zod',
  ];
  const shop = ['@shop/bootstrap', '@shop/contracts', '@shop/errors', '@shop/observability'];
  if (options.kafka) shop.push('@shop/messaging');
  if (options.datastore !== 'none') shop.push('@shop/persistence');
  if (options.datastore === 'postgres') shop.push('@shop/prisma-migrate');
  const versions = workspaceVersions(tree);
  const dependencies = Object.fromEntries(
    [...wanted.map((name) => [name, versions.get(name)]), ...shop.map((name) => [name, '*'])].sort(([a], [b]) => a.localeCompare(b)),
  );
  const missing = Object.entries(dependencies).filter(([, version]) => !version);
  if (missing.length) throw new Error(`no workspace package depends on ${missing.map(([name]) => name).join(', ')}: cannot tell which version to use`);
  // The end-to-end test reads the stack's database itself when there is no gRPC API to ask.
  const devDependencies = { '@shop/testing': '*', ...(options.kafka && !options.grpc ? { '@shop/topology': '*' } : {}) };
  return {
    name: options.names.packageName,
    version: '0.1.0',
    private: true,
    type: 'module',
    main: 'dist/main.js',
    scripts: { start: 'node dist/main.js' },
    dependencies,
    devDependencies,
    nx: { tags: ['type:app', `scope:${options.names.appName}`] },
  };
}

/** Versions the apps and libs pin, by package name. */
function workspaceVersions(tree) {
  const versions = new Map();
  for (const group of ['apps', 'libs']) {
    for (const project of tree.children(group)) {
      const file = `${group}/${project}/package.json`;
      if (!tree.exists(file)) continue;
      const { dependencies = {}, devDependencies = {} } = readJson(tree, file);
      for (const [name, version] of Object.entries({ ...devDependencies, ...dependencies })) if (version !== '*' && !versions.has(name)) versions.set(name, version);
    }
  }
  return versions;
}

function tsconfig(options, { test }) {
  const libs = ['bootstrap', 'observability', 'contracts', 'errors', 'testing'];
  if (options.kafka) libs.push('messaging');
  if (options.datastore !== 'none') libs.push('persistence');
  const outDir = test ? 'dist-test' : 'dist';
  return {
    extends: '../../tsconfig.base.json',
    compilerOptions: { rootDir: 'src', outDir, tsBuildInfoFile: `${outDir}/tsconfig.tsbuildinfo` },
    include: ['src/**/*.ts'],
    references: libs.map((lib) => ({ path: `../../libs/${lib}` })),
    ...(test ? {} : { exclude: ['src/**/*.spec.ts', 'src/**/*.int-spec.ts', 'src/**/*.e2e-spec.ts', 'src/**/testing/**'] }),
  };
}

const read = (tree, path) => {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} does not exist`);
  return text;
};

function edit(tree, path, change) {
  tree.write(path, change(read(tree, path)));
}

function readAll(tree, files) {
  return Object.fromEntries(Object.entries(files).map(([key, path]) => [key, read(tree, path)]));
}

function writeAll(tree, files, texts) {
  for (const [key, path] of Object.entries(files)) tree.write(path, texts[key]);
}
