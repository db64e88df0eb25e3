// The architecture rules are only worth having if the linter really refuses a violation:
// these cases lint code that breaks them, and code that keeps them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function boundaryErrors(filePath, code) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries');
}

describe('module boundaries', () => {
  it('refuse a service importing another service', async () => {
    const errors = await boundaryErrors('apps/api-gateway/src/leak.ts', "import { AppModule } from '@shop/order-service';\nexport const leaked = AppModule;\n");
    assert.equal(errors.length, 1);
  });

  it('refuse a library importing an app', async () => {
    const errors = await boundaryErrors('libs/messaging/src/leak.ts', "import { AppModule } from '@shop/user-service';\nexport const leaked = AppModule;\n");
    assert.equal(errors.length, 1);
  });

  it('accept an app importing a library', async () => {
    const errors = await boundaryErrors('apps/api-gateway/src/fine.ts', "import { runService } from '@shop/bootstrap';\nexport const fine = runService;\n");
    assert.deepEqual(errors, []);
  });
});
