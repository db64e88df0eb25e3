// The generator's pure parts: names, options, and the edits of the files every service is listed in.
// The whole generator runs in service-generator.e2e-spec.mjs, on a copy of the repository.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { serviceNames } from './names.mjs';
import { filesNotFor, normalizeOptions } from './options.mjs';
import { addEventContract, addGrpcContract, addToCompose, addToRootTsconfig, addToTopology, insertAbove, MARKERS, nextAppPorts } from './wiring.mjs';

const root = new URL('../../../../', import.meta.url);
const repositoryFile = (path) => readFileSync(new URL(path, root), 'utf8');

describe('a new service\'s names', () => {
  it('spells a two-word name every way the files need it', () => {
    const names = serviceNames('gift-card');
    assert.deepEqual(
      { appName: names.appName, pascal: names.pascal, camel: names.camel, constant: names.constant, database: names.database, protoPackage: names.protoPackage, task: names.task.pascal },
      { appName: 'gift-card-service', pascal: 'GiftCard', camel: 'giftCard', constant: 'GIFT_CARD', database: 'gift_card_service', protoPackage: 'shop.gift_card.v1', task: 'GiftCardTask' },
    );
  });

  it('takes the name with or without its -service suffix', () => {
    assert.equal(serviceNames('shipping-service').appName, 'shipping-service');
    assert.equal(serviceNames('shipping').appName, 'shipping-service');
  });

  for (const bad of ['', 'Shipping', '9lives', 'gift_card', 'gift--card', 'shipping-']) {
    it(`refuses "${bad}", saying what a name looks like`, () => {
      assert.throws(() => serviceNames(bad), /lower-case letters and digits, words joined by "-"/);
    });
  }
});

describe('the generator\'s options', () => {
  it('defaults to PostgreSQL, gRPC and Kafka, with events through the outbox', () => {
    const options = normalizeOptions({ name: 'shipping' });
    assert.deepEqual({ datastore: options.datastore, grpc: options.grpc, kafka: options.kafka, events: options.events }, { datastore: 'postgres', grpc: true, kafka: true, events: true });
  });

  it('reads flags given as strings', () => {
    const options = normalizeOptions({ name: 'shipping', grpc: 'false', datastore: 'mongo' });
    assert.equal(options.grpc, false);
    assert.equal(options.events, false);
  });

  it('refuses a service with no way in, an unknown datastore, and memory nobody can read', () => {
    assert.throws(() => normalizeOptions({ name: 'shipping', grpc: false, kafka: false }), /needs a way in/);
    assert.throws(() => normalizeOptions({ name: 'shipping', datastore: 'mysql' }), /--datastore must be one of postgres, mongo, none/);
    assert.throws(() => normalizeOptions({ name: 'shipping', datastore: 'none', grpc: false }), /keep --grpc/);
    assert.throws(() => normalizeOptions({ name: 'shipping', kafka: 'maybe' }), /expected true or false/);
  });

  it('drops the templates a combination does not use', () => {
    const unused = filesNotFor(normalizeOptions({ name: 'shipping', datastore: 'none', kafka: false }));
    assert.ok(unused.includes('prisma/schema.prisma'));
    assert.ok(unused.includes('src/interface/messaging/order-events.consumer.ts'));
    assert.ok(!unused.includes('src/infrastructure/persistence/in-memory-shipping-task.store.ts'));
  });
});

describe('wiring a service in', () => {
  const options = { ...normalizeOptions({ name: 'shipping' }), ports: { httpPort: 3006, grpcPort: 3056 } };

  it('takes the next ports of the topology\'s pattern', () => {
    assert.deepEqual(nextAppPorts(repositoryFile('libs/topology/src/topology.mjs')), { httpPort: 3006, grpcPort: 3056 });
  });

  it('adds the app and its ports to the topology', () => {
    const text = addToTopology(repositoryFile('libs/topology/src/topology.mjs'), options);
    assert.match(text, /^ {2}SHIPPING_SERVICE_PORT: 3006,\n {2}SHIPPING_SERVICE_GRPC_PORT: 3056,\n.*adds new ports/m);
    assert.match(text, /\{ name: 'shipping-service', httpPort: port\('SHIPPING_SERVICE_PORT'\), grpcPort: port\('SHIPPING_SERVICE_GRPC_PORT'\), datastores: \['postgres', 'kafka'\] \},\n.*adds new apps/);
  });

  it('adds a compose service like the others, and its database and role to the postgres service', () => {
    const compose = parse(addToCompose(repositoryFile('docker-compose.yml'), options), { merge: true });
    const service = compose.services['shipping-service'];
    assert.equal(service.build.args.APP, 'shipping-service');
    assert.deepEqual(service.ports, ['127.0.0.1:${SHIPPING_SERVICE_PORT:-3006}:3006', '127.0.0.1:${SHIPPING_SERVICE_GRPC_PORT:-3056}:3056']);
    assert.equal(service.environment.DATABASE_URL, 'postgresql://shipping_service:${SHIPPING_SERVICE_DB_PASSWORD:-shipping_service_local}@postgres:5432/shipping_service');
    assert.equal(service.environment.NODE_ENV, 'production', 'the shared app environment is merged in');
    assert.deepEqual(Object.keys(service.depends_on), ['postgres', 'kafka']);
    const postgres = compose.services.postgres.environment;
    assert.match(postgres.SERVICE_DATABASES, / shipping_service$/);
    assert.equal(postgres.SHIPPING_SERVICE_PASSWORD, '${SHIPPING_SERVICE_DB_PASSWORD:-shipping_service_local}');
  });

  it('adds a MongoDB service without touching the postgres service', () => {
    const mongo = { ...normalizeOptions({ name: 'reviews', datastore: 'mongo', grpc: false }), ports: { httpPort: 3006, grpcPort: 3056 } };
    const compose = parse(addToCompose(repositoryFile('docker-compose.yml'), mongo), { merge: true });
    assert.equal(compose.services['reviews-service'].environment.MONGO_URL, 'mongodb://mongo:27017/reviews_service');
    assert.deepEqual(compose.services['reviews-service'].ports, ['127.0.0.1:${REVIEWS_SERVICE_PORT:-3006}:3006']);
    assert.doesNotMatch(compose.services.postgres.environment.SERVICE_DATABASES, /reviews/);
  });

  it('references the app and its tests from the root tsconfig.json, once', () => {
    const once = addToRootTsconfig({ references: [{ path: 'apps/order-service' }] }, options.names);
    assert.deepEqual(addToRootTsconfig(once, options.names).references.map((reference) => reference.path), ['apps/order-service', 'apps/shipping-service', 'apps/shipping-service/tsconfig.spec.json']);
  });

  it('registers the gRPC contract and the events in the contracts\' lists', () => {
    const grpc = addGrpcContract(
      { packagesText: repositoryFile('libs/contracts/src/grpc/grpc-packages.ts'), servicesText: repositoryFile('libs/contracts/src/grpc/grpc-services.ts') },
      options.names,
    );
    assert.match(grpc.packagesText, /export \* as shippingV1 from '..\/generated\/shop\/shipping\/v1\/shipping.js';/);
    assert.match(grpc.servicesText, /shipping: \{ packageName: SHOP_SHIPPING_V1_PACKAGE_NAME, serviceName: SHIPPING_SERVICE_NAME, protoFile: 'shop\/shipping\/v1\/shipping.proto' \},/);
    const events = addEventContract(
      {
        topicsText: repositoryFile('libs/contracts/src/messages/topics.ts'),
        allMessagesText: repositoryFile('libs/contracts/src/messages/all-messages.ts'),
        allMessagesSpecText: repositoryFile('libs/contracts/src/messages/all-messages.spec.ts'),
        indexText: repositoryFile('libs/contracts/src/messages/index.ts'),
      },
      options.names,
    );
    assert.match(events.topicsText, /shippingEvents: 'shipping.events.v1',/);
    assert.match(events.allMessagesText, /ShippingTaskOpenedEvent,\n.*adds new messages/);
    assert.match(events.allMessagesSpecText, /'shipping.ShippingTaskOpened': \{/);
    assert.match(events.indexText, /export \* from '.\/shipping\/shipping.events.js';/);
  });

  it('stops, naming the file, when a marker line is gone', () => {
    assert.throws(() => insertAbove('const apps = [\n];', MARKERS.apps, ['x'], 'topology.mjs'), /topology.mjs has no line with "@shop\/tooling:service adds new apps above this line"/);
  });
});
