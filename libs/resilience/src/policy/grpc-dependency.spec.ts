// The policy in front of a real gRPC server (grpc-js over loopback), so that "UNAVAILABLE",
// "cancelled" and "connection refused" are what grpc-js really produces, not imitations.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Client,
  MethodDefinition,
  Server,
  ServerCredentials,
  ServerUnaryCall,
  credentials,
  sendUnaryData,
  status,
} from '@grpc/grpc-js';
import { BrokenCircuitError } from 'cockatiel';
import { DependencyTimeoutError } from '../failures/dependency-timeout.error.js';
import { RecordingLogger } from '../testing/resilience.fixtures.js';
import { ResiliencePolicy } from './resilience.policy.js';

interface StockRequest {
  sku: string;
}
interface StockReply {
  sku: string;
  available: number;
}

const json = {
  serialize: (value: unknown) => Buffer.from(JSON.stringify(value)),
  deserialize: <T>(bytes: Buffer) => JSON.parse(bytes.toString()) as T,
};

// A service defined in code, so the test needs no .proto file; the wire is real HTTP/2 gRPC.
const checkStock: MethodDefinition<StockRequest, StockReply> = {
  path: '/shop.test.v1.StockService/CheckStock',
  requestStream: false,
  responseStream: false,
  requestSerialize: json.serialize,
  requestDeserialize: (bytes) => json.deserialize<StockRequest>(bytes),
  responseSerialize: json.serialize,
  responseDeserialize: (bytes) => json.deserialize<StockReply>(bytes),
};

type ServerBehaviour = (call: ServerUnaryCall<StockRequest, StockReply>, answer: sendUnaryData<StockReply>) => void;

const inStock: ServerBehaviour = (call, answer) => answer(null, { sku: call.request.sku, available: 7 });
const unavailable: ServerBehaviour = (_call, answer) => answer({ code: status.UNAVAILABLE, details: 'warehouse offline' });
const invalidArgument: ServerBehaviour = (_call, answer) => answer({ code: status.INVALID_ARGUMENT, details: 'unknown sku format' });
const neverAnswers: ServerBehaviour = () => undefined;

class StockServer {
  behaviour: ServerBehaviour = inStock;
  readonly calls: Array<ServerUnaryCall<StockRequest, StockReply>> = [];
  private readonly server = new Server();

  async start(): Promise<number> {
    this.server.addService({ checkStock }, {
      checkStock: (call: ServerUnaryCall<StockRequest, StockReply>, answer: sendUnaryData<StockReply>) => {
        this.calls.push(call);
        this.behaviour(call, answer);
      },
    });
    return new Promise((resolve, reject) => {
      this.server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port)));
    });
  }

  stop(): void {
    this.server.forceShutdown();
  }
}

/** How a service's gRPC adapter makes a call under a policy: the signal cancels the call. */
function checkStockWith(client: Client, request: StockRequest, signal: AbortSignal): Promise<StockReply> {
  return new Promise((resolve, reject) => {
    const call = client.makeUnaryRequest(checkStock.path, checkStock.requestSerialize, checkStock.responseDeserialize, request, (error, reply) =>
      error || !reply ? reject(error) : resolve(reply),
    );
    signal.addEventListener('abort', () => call.cancel(), { once: true });
  });
}

async function eventually(condition: () => boolean, what: string): Promise<void> {
  for (let poll = 0; poll < 100 && !condition(); poll++) await sleep(10);
  assert.ok(condition(), what);
}

describe('a policy in front of a real gRPC server', () => {
  const server = new StockServer();
  let client: Client;

  before(async () => {
    const port = await server.start();
    client = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
  });
  after(() => {
    client.close();
    server.stop();
  });
  afterEach(() => {
    server.behaviour = inStock;
    server.calls.length = 0;
  });

  function stockPolicy(overrides: Partial<ConstructorParameters<typeof ResiliencePolicy>[0]> = {}): ResiliencePolicy {
    return new ResiliencePolicy(
      {
        name: 'inventory-grpc',
        deadlineMs: 1_000,
        attemptTimeout: { readMs: 500, writeMs: 500 },
        retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
        circuitBreaker: { failureThreshold: 3, openDurationMs: 100 },
        ...overrides,
      },
      { logger: new RecordingLogger() },
    );
  }

  it('opens on UNAVAILABLE answers, then fails fast without reaching the server, and closes after a successful probe', async () => {
    const policy = stockPolicy();
    server.behaviour = unavailable;
    await assert.rejects(
      policy.execute((signal) => checkStockWith(client, { sku: 'sku-1' }, signal), { operation: 'read' }),
      { code: status.UNAVAILABLE, details: 'warehouse offline' },
    );
    assert.equal(server.calls.length, 3, 'three attempts, each counted by the breaker');
    assert.equal(policy.state, 'open');

    await assert.rejects(policy.execute((signal) => checkStockWith(client, { sku: 'sku-1' }, signal), { operation: 'read' }), BrokenCircuitError);
    assert.equal(server.calls.length, 3, 'an open circuit does not reach the server');

    server.behaviour = inStock;
    await sleep(130);
    const reply = await policy.execute((signal) => checkStockWith(client, { sku: 'sku-1' }, signal), { operation: 'read' });
    assert.deepEqual(reply, { sku: 'sku-1', available: 7 });
    assert.equal(policy.state, 'closed');
  });

  it('cancels a gRPC call that outlives its attempt timeout; the server sees the cancellation', async () => {
    const policy = stockPolicy({ attemptTimeout: { readMs: 60, writeMs: 60 }, retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 5 } });
    server.behaviour = neverAnswers;
    await assert.rejects(
      policy.execute((signal) => checkStockWith(client, { sku: 'sku-2' }, signal), { operation: 'read' }),
      (error: unknown) => error instanceof DependencyTimeoutError && error.scope === 'attempt',
    );
    assert.equal(server.calls.length, 2);
    await eventually(() => server.calls.every((call) => call.cancelled), 'the server saw both calls cancelled');
  });

  it('cuts the last attempt at the call deadline and cancels it on the server', async () => {
    const policy = stockPolicy({ deadlineMs: 400, attemptTimeout: { readMs: 250, writeMs: 250 }, retry: { maxAttempts: 5, initialDelayMs: 5, maxDelayMs: 5 } });
    server.behaviour = neverAnswers;
    await assert.rejects(
      policy.execute((signal) => checkStockWith(client, { sku: 'sku-3' }, signal), { operation: 'read' }),
      (error: unknown) => error instanceof DependencyTimeoutError && error.scope === 'deadline',
    );
    assert.equal(server.calls.length, 2, 'the first attempt timed out at 250 ms, the deadline cut the second at 400 ms');
    await eventually(() => server.calls.every((call) => call.cancelled), 'the server saw both calls cancelled');
  });

  it('neither retries nor counts INVALID_ARGUMENT', async () => {
    const policy = stockPolicy();
    server.behaviour = invalidArgument;
    for (let call = 0; call < 5; call++) {
      await assert.rejects(policy.execute((signal) => checkStockWith(client, { sku: '??' }, signal), { operation: 'read' }), {
        code: status.INVALID_ARGUMENT,
      });
    }
    assert.equal(server.calls.length, 5);
    assert.equal(policy.state, 'closed');
  });

  it('counts a refused connection (server down) as UNAVAILABLE', async () => {
    const downServer = new StockServer();
    const port = await downServer.start();
    downServer.stop();
    const orphan = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
    try {
      const policy = stockPolicy({ retry: { maxAttempts: 1 } });
      for (let call = 0; call < 3; call++) {
        await assert.rejects(policy.execute((signal) => checkStockWith(orphan, { sku: 'sku-4' }, signal), { operation: 'read' }), {
          code: status.UNAVAILABLE,
        });
      }
      assert.equal(policy.state, 'open');
    } finally {
      orphan.close();
    }
  });
});
