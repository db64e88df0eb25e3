import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Every module specifier resolved while a fresh process imports `entry`. */
async function specifiersLoadedBy(entry: string): Promise<string[]> {
  const script = `
    import { registerHooks } from 'node:module';
    const seen = [];
    registerHooks({ resolve: (specifier, context, next) => (seen.push(specifier), next(specifier, context)) });
    await import(${JSON.stringify(entry)});
    console.log(JSON.stringify(seen));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: import.meta.dirname });
  return JSON.parse(stdout) as string[];
}

describe('@shop/contracts/messages', () => {
  it('loads neither Nest nor gRPC, so that domain code may import it', async () => {
    const loaded = await specifiersLoadedBy('@shop/contracts/messages');
    assert.ok(loaded.includes('zod'), `the message schemas are zod schemas; loaded: ${loaded.join(', ')}`);
    assert.deepEqual(
      loaded.filter((specifier) => /^@nestjs\/|^@grpc\/|^reflect-metadata$|^rxjs/.test(specifier)),
      [],
    );
  });

  it('is what the root entry exports about messages', async () => {
    // eslint-disable-next-line @nx/enforce-module-boundaries -- the package's entries, as other projects import them, are what is tested
    const [messages, root] = await Promise.all([import('@shop/contracts/messages'), import('@shop/contracts')]);
    for (const [name, value] of Object.entries(messages)) assert.equal((root as Record<string, unknown>)[name], value, name);
  });

  it('is not Nest-free by accident of the test: the root entry does load Nest', async () => {
    const loaded = await specifiersLoadedBy('@shop/contracts');
    assert.ok(loaded.some((specifier) => specifier.startsWith('@nestjs/')), 'the gRPC contracts import @nestjs/microservices');
  });
});
