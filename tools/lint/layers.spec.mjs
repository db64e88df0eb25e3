// The layer rules inside an app (eslint.config.mjs, ARCHITECTURE.md) are only worth having if the
// linter really refuses a violation: these cases lint code that breaks them, and code that keeps them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function layerErrors(filePath, importLine) {
  const [result] = await eslint.lintText(`${importLine}\nexport const used = imported;\n`, { filePath });
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

const refused = async (filePath, importLine, reason) => {
  const errors = await layerErrors(filePath, importLine);
  assert.equal(errors.length, 1, `${filePath}: ${importLine} should be refused`);
  assert.match(errors[0], reason);
};
const accepted = async (filePath, importLine) => assert.deepEqual(await layerErrors(filePath, importLine), [], `${filePath}: ${importLine}`);

describe('layers inside an app', () => {
  const domain = 'apps/order-service/src/domain/saga/leak.ts';
  const application = 'apps/payment-service/src/application/authorize-payment/leak.ts';

  it('refuse Nest and Prisma in domain/', async () => {
    await refused(domain, "import { Injectable as imported } from '@nestjs/common';", /no Nest, no Prisma/);
    await refused(domain, "import { PrismaClient as imported } from '../../generated/prisma/client.js';", /no Nest, no Prisma/);
  });

  it('refuse every other layer in domain/', async () => {
    await refused(domain, "import { SagaProgress as imported } from '../../application/advance-saga/saga-progress.js';", /no other layer/);
    await refused(domain, "import { PgSagaStore as imported } from '../../infrastructure/persistence/pg-saga.store.js';", /no other layer/);
    await refused(domain, "import { SagaRepliesConsumer as imported } from '../../interface/messaging/saga-replies.consumer.js';", /no other layer/);
  });

  it('refuse the contracts entry that loads Nest in domain/, and accept the one without', async () => {
    await refused(domain, "import { Topics as imported } from '@shop/contracts';", /@shop\/contracts\/messages/);
    await accepted(domain, "import { Topics as imported } from '@shop/contracts/messages';");
    await accepted(domain, "import { advanceOrderSaga as imported } from './order-saga.machine.js';");
  });

  it('refuse infrastructure, interface and the database in application/', async () => {
    await refused(application, "import { PgPaymentStore as imported } from '../../infrastructure/pg-payment.store.js';", /declare a port/);
    await refused(application, "import { PaymentCommandsConsumer as imported } from '../../interface/messaging/payment-commands.consumer.js';", /declare a port/);
    await refused(application, "import { PrismaClient as imported } from '@prisma/client';", /declare a port/);
  });

  it('accept application/ importing its ports, the domain and libs', async () => {
    await accepted(application, "import { PaymentStore as imported } from '../ports/payment-store.js';");
    await accepted(application, "import { Payment as imported } from '../../domain/payment.js';");
    await accepted(application, "import { IdempotentCommands as imported } from '@shop/messaging';");
  });

  it('accept infrastructure/ importing application/ (the ports it implements)', async () => {
    await accepted('apps/payment-service/src/infrastructure/leak.ts', "import { PaymentStore as imported } from '../application/ports/payment-store.js';");
  });
});
