// `npm run saga -- parked | retry <orderId> | resolve <orderId> --note "<what was done by hand>"`:
// an operator's commands for sagas parked in FAILED_COMPENSATION, in place of a SQL runbook. It
// runs the service's own use case against its database; what it sends goes out through the outbox,
// which the running service's relay publishes.
import 'reflect-metadata';
import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, ServiceConfigModule } from '@shop/bootstrap';
import { OutboxWriter } from '@shop/messaging';
import { OperateParkedSagaHandler, type ParkedSagaAction } from '../../application/operate-parked-saga/operate-parked-saga.handler.js';
import { configSchema } from '../../config.js';
import { OrdersModule } from '../../orders.module.js';

const USAGE = 'usage: npm run saga -- parked | retry <orderId> | resolve <orderId> --note "<what was done by hand>"';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The outbox writer without the relay and consumers: the running service publishes. */
@Global()
@Module({ providers: [OutboxWriter], exports: [OutboxWriter] })
class OutboxOnlyModule {}

type Command = { kind: 'parked' } | { kind: 'act'; orderId: string; action: ParkedSagaAction };

export function parseArguments(args: readonly string[]): Command | string {
  const [name, orderId, ...rest] = args;
  if (name === 'parked' && orderId === undefined) return { kind: 'parked' };
  if (name !== 'retry' && name !== 'resolve') return USAGE;
  if (orderId === undefined || !UUID.test(orderId)) return `"${orderId ?? ''}" is not an order id (a UUID)\n${USAGE}`;
  if (name === 'retry') return rest.length === 0 ? { kind: 'act', orderId, action: { kind: 'retry' } } : USAGE;
  const note = rest[0] === '--note' ? rest[1]?.trim() : undefined;
  if (!note || rest.length !== 2) return `resolve needs --note saying what was done by hand (it goes into the order's timeline)\n${USAGE}`;
  return { kind: 'act', orderId, action: { kind: 'resolve', note } };
}

async function run(command: Command, operator: OperateParkedSagaHandler): Promise<number> {
  if (command.kind === 'parked') {
    const parked = await operator.listParked();
    if (parked.length === 0) console.log('no saga is parked');
    for (const saga of parked) {
      console.log(`${saga.orderId}  parked since ${saga.parkedSince.toISOString()}  ${saga.cancellationReason ?? ''}  waiting for ${saga.pendingSteps.join(', ')}: ${saga.lastError ?? ''}`);
    }
    return 0;
  }
  const outcome = await operator.execute(command.orderId, command.action);
  if (outcome.kind === 'not-found') console.error(`✖ order ${command.orderId} has no saga`);
  if (outcome.kind === 'not-parked') console.error(`✖ the saga of order ${command.orderId} is ${outcome.state}, not parked: nothing to do`);
  if (outcome.kind !== 'done') return 1;
  console.log(`✔ saga of order ${command.orderId}: ${outcome.from} -> ${outcome.to}`);
  return 0;
}

async function main(): Promise<number> {
  const command = parseArguments(process.argv.slice(2));
  if (typeof command === 'string') {
    console.error(command);
    return 2;
  }
  // A missing or malformed variable ends the process here with one line, as it does for the service.
  const config = loadConfig(configSchema);
  @Module({ imports: [ServiceConfigModule.forRoot(config), OutboxOnlyModule, OrdersModule] })
  class SagaOperatorModule {}
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(SagaOperatorModule, { logger: ['error'] });
    return await run(command, app.get(OperateParkedSagaHandler));
  } finally {
    await app?.close();
  }
}

if (import.meta.filename === process.argv[1]) process.exitCode = await main();
