// What the integration and end-to-end tests leave on the developer's stack, removed once they ran:
// their `test.*` Kafka topics and consumer groups, and the `E2E-*` products they created (with
// their reservations), so that `GET /products` and the demo show the catalog and nothing else.
// A sweep by name prefix, after the suites, also catches what a crashed test could not remove.
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { Redis } from 'ioredis';
import { kafkaBrokers, postgresDatabase, redisUrl } from '../../libs/topology/src/topology.mjs';

export const TEST_TOPIC_PREFIX = 'test.';
export const TEST_SKU_PREFIX = 'E2E-';
// inventory-service's catalog cache and the gateway's last good catalog: copies that could still
// list a removed product (their default keys; see each app's config.ts).
const CATALOG_COPIES = ['inventory:catalog:v1:*', 'catalog:last-good-products'];

/** Removes the tests' data; returns what it removed, for one line of output. */
export async function cleanTestData() {
  const kafka = await removeTestTopics();
  const products = await removeTestProducts();
  return { ...kafka, products };
}

async function removeTestTopics() {
  const admin = new Kafka({ clientId: 'test-cleanup', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const testTopics = async () => (await admin.listTopics()).filter((topic) => topic.startsWith(TEST_TOPIC_PREFIX));
    const topics = await testTopics();
    if (topics.length) await admin.deleteTopics({ topics, timeout: 30_000 });
    // Deletion completes in the background: check that it did, so the claim above is tested on every run.
    for (let attempt = 0; (await testTopics()).length > 0; attempt += 1) {
      if (attempt === 50) throw new Error(`test topics still listed after deletion: ${(await testTopics()).join(', ')}`);
      await sleep(200);
    }
    const { groups } = await admin.listGroups();
    const testGroups = groups.map((group) => group.groupId).filter((groupId) => groupId.startsWith(TEST_TOPIC_PREFIX));
    const groupsLeft = testGroups.length ? await deleteGroups(admin, testGroups) : 0;
    return { topics: topics.length, groups: testGroups.length - groupsLeft };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Deletes the groups it can; returns how many it could not. A group whose member was killed
 * (the crash tests SIGKILL consumers) keeps that member until its session times out, and Kafka
 * refuses to delete a group with members: it goes on the next run. Groups are not user-visible.
 */
async function deleteGroups(admin, groupIds) {
  try {
    await admin.deleteGroups(groupIds);
    return 0;
  } catch (error) {
    if (error.name !== 'KafkaJSDeleteGroupsError') throw error;
    return error.groups.filter((group) => group.errorCode !== 0).length;
  }
}

async function removeTestProducts() {
  const client = new pg.Client({ connectionString: postgresDatabase('inventory-service').url });
  await client.connect();
  let removed;
  try {
    await client.query('BEGIN');
    // A product with reservation lines cannot be deleted (ON DELETE RESTRICT): the test orders'
    // reservations go first, their lines with them (ON DELETE CASCADE).
    await client.query(
      `DELETE FROM stock_reservations WHERE id IN (SELECT reservation_id FROM stock_reservation_lines WHERE sku LIKE $1)`,
      [`${TEST_SKU_PREFIX}%`],
    );
    removed = (await client.query('DELETE FROM products WHERE sku LIKE $1', [`${TEST_SKU_PREFIX}%`])).rowCount;
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  if (removed > 0) await forgetCatalogCopies();
  return removed;
}

async function forgetCatalogCopies() {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    for (const pattern of CATALOG_COPIES) {
      for await (const keys of redis.scanStream({ match: pattern, count: 500 })) if (keys.length) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
}
