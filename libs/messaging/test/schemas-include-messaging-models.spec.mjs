// Every PostgreSQL service keeps the outbox and inbox models exactly as this lib defines them: the
// relay's and the inbox's SQL rely on those tables and columns.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { postgresApps } from '@shop/topology';

const root = new URL('../../../', import.meta.url);
const models = readFileSync(new URL('libs/messaging/prisma/messaging.prisma', root), 'utf8');

describe('outbox and inbox models in the services', () => {
  for (const app of postgresApps) {
    it(`${app.name}'s schema.prisma holds them verbatim`, () => {
      const schema = readFileSync(new URL(`apps/${app.name}/prisma/schema.prisma`, root), 'utf8');
      assert.ok(schema.includes(models), `copy libs/messaging/prisma/messaging.prisma into apps/${app.name}/prisma/schema.prisma unchanged`);
    });
  }

  it("the lib's own test schema holds them verbatim", () => {
    assert.ok(readFileSync(new URL('libs/messaging/test/prisma/schema.prisma', root), 'utf8').includes(models));
  });
});
