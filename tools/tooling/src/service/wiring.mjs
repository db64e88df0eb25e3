// The edits that wire a new service into the files every service is listed in: the topology,
// docker-compose.yml, the root tsconfig.json and the contracts. Each edit is a pure function of a
// file's text, so it is tested without a workspace. Lists in TypeScript and YAML are edited at a
// marker line (`@shop/tooling:service adds … above this line`) rather than by parsing: a marker
// says to a reader where new entries go, and a missing marker fails loudly instead of guessing.

/** Inserts `lines` above the one line of `text` that holds `marker`. */
export function insertAbove(text, marker, lines, file) {
  const all = text.split('\n');
  const at = all.findIndex((line) => line.includes(marker));
  if (at === -1) throw new Error(`${file} has no line with "${marker}": restore that marker line (see git history), or wire the service in by hand`);
  if (all.findIndex((line, index) => index > at && line.includes(marker)) !== -1) throw new Error(`${file} has the marker "${marker}" twice`);
  all.splice(at, 0, ...lines);
  return all.join('\n');
}

export const MARKERS = {
  ports: '@shop/tooling:service adds new ports above this line',
  apps: '@shop/tooling:service adds new apps above this line',
  grpcPackages: '@shop/tooling:service adds new packages above this line',
  grpcImports: '@shop/tooling:service adds new imports above this line',
  grpcServices: '@shop/tooling:service adds new services above this line',
  topics: '@shop/tooling:service adds new topics above this line',
  messageImports: '@shop/tooling:service adds new imports above this line',
  messages: '@shop/tooling:service adds new messages above this line',
  messageExamples: '@shop/tooling:service adds new examples above this line',
  messageExports: '@shop/tooling:service adds new exports above this line',
  composeApps: '@shop/tooling:service adds new apps above this line',
};

/**
 * The next free pair of default ports in the topology's pattern (app N serves HTTP on 300N and
 * gRPC on 305N), read from its `defaultPorts`.
 */
export function nextAppPorts(topologyText) {
  const used = [...topologyText.matchAll(/^\s+[A-Z_]+_PORT: (\d+),/gm)].map((match) => Number(match[1]));
  const httpPorts = used.filter((port) => port >= 3000 && port < 3050);
  const httpPort = Math.max(2999, ...httpPorts) + 1;
  if (httpPort >= 3050) throw new Error('the topology has no free default port left in 3000–3049');
  return { httpPort, grpcPort: httpPort + 50 };
}

/** Datastores the app's readiness depends on, in the topology's order. */
export function datastoresOf(options) {
  return [options.datastore === 'none' ? null : options.datastore, options.kafka ? 'kafka' : null].filter(Boolean);
}

export function addToTopology(text, options) {
  const { names, ports } = options;
  const portLines = [`  ${names.portVariable}: ${ports.httpPort},`];
  if (options.grpc) portLines.push(`  ${names.grpcPortVariable}: ${ports.grpcPort},`);
  const fields = [`name: '${names.appName}'`, `httpPort: port('${names.portVariable}')`];
  if (options.grpc) fields.push(`grpcPort: port('${names.grpcPortVariable}')`);
  fields.push(`datastores: [${datastoresOf(options).map((store) => `'${store}'`).join(', ')}]`);
  if (options.datastore === 'mongo') fields.push(`mongoDatabase: '${names.database}'`);
  const withPorts = insertAbove(text, MARKERS.ports, portLines, 'libs/topology/src/topology.mjs');
  return insertAbove(withPorts, MARKERS.apps, [`  { ${fields.join(', ')} },`], 'libs/topology/src/topology.mjs');
}

/** The app's service in docker-compose.yml, and its database and role in the postgres service's list. */
export function addToCompose(text, options) {
  const { names, ports } = options;
  const block = [
    `  ${names.appName}:`,
    '    <<: *app',
    '    build:',
    '      <<: *app-build',
    `      args: { APP: ${names.appName} }`,
    `    ports: [${[
      `'127.0.0.1:\${${names.portVariable}:-${ports.httpPort}}:${ports.httpPort}'`,
      ...(options.grpc ? [`'127.0.0.1:\${${names.grpcPortVariable}:-${ports.grpcPort}}:${ports.grpcPort}'`] : []),
    ].join(', ')}]`,
    '    environment:',
    '      <<: *app-environment',
    `      OTEL_SERVICE_NAME: ${names.appName}`,
    `      PORT: '${ports.httpPort}'`,
    ...(options.grpc ? [`      GRPC_PORT: '${ports.grpcPort}'`] : []),
    ...(options.datastore === 'postgres'
      ? [`      DATABASE_URL: postgresql://${names.database}:\${${names.constant}_SERVICE_DB_PASSWORD:-${names.database}_local}@postgres:5432/${names.database}`]
      : []),
    ...(options.datastore === 'mongo' ? [`      MONGO_URL: mongodb://mongo:27017/${names.database}`] : []),
    ...(options.kafka ? ['      KAFKA_BROKERS: kafka:19092'] : []),
  ];
  const dependencies = datastoresOf(options);
  if (dependencies.length) block.push('    depends_on:', ...dependencies.map((store) => `      ${store}: *healthy`));
  let result = insertAbove(text, MARKERS.composeApps, [...block, ''], 'docker-compose.yml');
  if (options.datastore === 'postgres') result = addComposeDatabase(result, names);
  return result;
}

function addComposeDatabase(text, names) {
  const list = /^(\s+SERVICE_DATABASES: )(.+)$/m;
  const match = list.exec(text);
  if (!match) throw new Error('docker-compose.yml: the postgres service has no SERVICE_DATABASES line');
  let result = text.replace(list, `$1$2 ${names.database}`);
  // The role's password variable, after the last one of the list.
  const passwords = [...result.matchAll(/^(\s+)[A-Z_]+_SERVICE_PASSWORD: .+$/gm)];
  const last = passwords.at(-1);
  if (!last) throw new Error('docker-compose.yml: the postgres service has no <SERVICE>_PASSWORD line');
  const end = last.index + last[0].length;
  const line = `${last[1]}${names.constant}_SERVICE_PASSWORD: \${${names.constant}_SERVICE_DB_PASSWORD:-${names.database}_local}`;
  result = `${result.slice(0, end)}\n${line}${result.slice(end)}`;
  return result;
}

/** The root tsconfig.json's project references: the app, and its tests (compiled apart). */
export function addToRootTsconfig(json, names) {
  const references = json.references ?? [];
  const wanted = [`apps/${names.appName}`, `apps/${names.appName}/tsconfig.spec.json`];
  for (const path of wanted) if (!references.some((reference) => reference.path === path)) references.push({ path });
  return { ...json, references };
}

export function addGrpcContract({ packagesText, servicesText }, names) {
  const generated = `../generated/${names.protoFile.replace(/\.proto$/, '.js')}`;
  const packages = insertAbove(packagesText, MARKERS.grpcPackages, [`export * as ${names.grpcNamespace} from '${generated}';`], 'libs/contracts/src/grpc/grpc-packages.ts');
  const serviceConstant = `${names.constant}_SERVICE_NAME`;
  const packageConstant = `SHOP_${names.constant}_V1_PACKAGE_NAME`;
  let services = insertAbove(servicesText, MARKERS.grpcImports, [`import { ${packageConstant}, ${serviceConstant} } from '${generated}';`], 'libs/contracts/src/grpc/grpc-services.ts');
  services = insertAbove(
    services,
    MARKERS.grpcServices,
    [`  ${names.grpcKey}: { packageName: ${packageConstant}, serviceName: ${serviceConstant}, protoFile: '${names.protoFile}' },`],
    'libs/contracts/src/grpc/grpc-services.ts',
  );
  return { packagesText: packages, servicesText: services };
}

/** The service's events topic and its first event, in the contracts' lists and their test. */
export function addEventContract({ topicsText, allMessagesText, allMessagesSpecText, indexText }, names) {
  const eventName = `${names.task.pascal}OpenedEvent`;
  const module = `./${names.base}/${names.base}.events.js`;
  return {
    topicsText: insertAbove(
      topicsText,
      MARKERS.topics,
      [`  /** ${names.appName}'s events: a task opened for a confirmed order. */`, `  ${names.eventsTopicKey}: '${names.eventsTopic}',`],
      'libs/contracts/src/messages/topics.ts',
    ),
    allMessagesText: insertAbove(
      insertAbove(allMessagesText, MARKERS.messageImports, [`import { ${eventName} } from '${module}';`], 'libs/contracts/src/messages/all-messages.ts'),
      MARKERS.messages,
      [`  ${eventName},`],
      'libs/contracts/src/messages/all-messages.ts',
    ),
    allMessagesSpecText: insertAbove(
      allMessagesSpecText,
      MARKERS.messageExamples,
      [`  '${names.openedEventType}': { taskId: paymentId, orderId, userId, ...money },`],
      'libs/contracts/src/messages/all-messages.spec.ts',
    ),
    indexText: insertAbove(indexText, MARKERS.messageExports, [`export * from '${module}';`], 'libs/contracts/src/messages/index.ts'),
  };
}
