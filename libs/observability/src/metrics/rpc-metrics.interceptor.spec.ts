import { finishedSpans } from '../testing/test-telemetry.js';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { Controller } from '@nestjs/common';
import { GrpcMethod, RpcException, Transport } from '@nestjs/microservices';
import { SpanKind, trace } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { eventually, startProbeApp, type ProbeApp } from '../testing/probe-app.js';

const PROTO = `
syntax = "proto3";
package shop.spec;
service Probe {
  rpc Echo (Text) returns (Text);
  rpc Find (Text) returns (Text);
}
message Text { string value = 1; }
`;

@Controller()
class ProbeGrpcController {
  @GrpcMethod('Probe', 'Echo')
  echo({ value }: { value: string }) {
    return { value };
  }

  @GrpcMethod('Probe', 'Find')
  find({ value }: { value: string }) {
    throw new RpcException({ code: grpc.status.NOT_FOUND, message: `no ${value} here` });
  }
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

type Call = (request: { value: string }) => Promise<{ value: string }>;

describe('RpcMetricsInterceptor on a Nest gRPC server', () => {
  let probe: ProbeApp;
  let client: grpc.Client & Record<string, unknown>;
  let echo: Call;
  let find: Call;

  before(async () => {
    const protoPath = join(mkdtempSync(join(tmpdir(), 'rpc-metrics-')), 'probe.proto');
    writeFileSync(protoPath, PROTO);
    const url = `127.0.0.1:${await freePort()}`;
    probe = await startProbeApp([ProbeGrpcController]);
    // As an app wires its gRPC server: a hybrid app that shares the HTTP app's global interceptors.
    probe.app.connectMicroservice({ transport: Transport.GRPC, options: { package: 'shop.spec', protoPath, url } }, { inheritAppConfig: true });
    await probe.app.startAllMicroservices();

    const definition = grpc.loadPackageDefinition(protoLoader.loadSync(protoPath)) as unknown as { shop: { spec: { Probe: grpc.ServiceClientConstructor } } };
    client = new definition.shop.spec.Probe(url, grpc.credentials.createInsecure()) as grpc.Client & Record<string, unknown>;
    echo = promisify((client.Echo as (...args: unknown[]) => unknown).bind(client)) as Call;
    find = promisify((client.Find as (...args: unknown[]) => unknown).bind(client)) as Call;
  });
  after(async () => {
    client.close();
    await probe.close();
  });

  it('times each call by service, method and status name', async () => {
    assert.deepEqual(await echo({ value: 'ping' }), { value: 'ping' });
    await assert.rejects(find({ value: 'order-1' }), (error: grpc.ServiceError) => error.code === grpc.status.NOT_FOUND);

    const metrics = await (await fetch(`${probe.url}/metrics`)).text();
    const counts = metrics.split('\n').filter((line) => line.startsWith('rpc_server_call_duration_seconds_count{'));
    const has = (method: string, status: string) =>
      counts.some((line) => line.includes('rpc_service="shop.spec.Probe"') && line.includes(`rpc_method="${method}"`) && line.includes(`rpc_response_status_code="${status}"`) && line.endsWith(' 1'));
    assert.ok(has('Echo', 'OK'), metrics);
    assert.ok(has('Find', 'NOT_FOUND'), metrics);
    assert.equal(metrics.includes('order-1'), false, 'request data must not reach a label');
  });

  it('continues the caller\'s trace on the server, through gRPC metadata', async () => {
    const callerTraceId = await trace.getTracer('spec').startActiveSpan('caller', async (span) => {
      await echo({ value: 'traced' });
      span.end();
      return span.spanContext().traceId;
    });
    const serverSpan = await eventually(
      () => finishedSpans.getFinishedSpans().find((span) => span.kind === SpanKind.SERVER && span.spanContext().traceId === callerTraceId),
      'the server span of the traced call',
    );
    assert.match(serverSpan.name, /shop\.spec\.Probe\/Echo/);
  });
});
