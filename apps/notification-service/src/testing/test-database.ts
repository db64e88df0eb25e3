// A Mongo database of the test's own on the native stack's MongoDB stand-in, dropped afterwards.
import { randomBytes } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';

export interface TestDatabase {
  /** MONGO_URL for the app under test. */
  url: string;
  /** The same database, for the test's own reads. */
  db: Db;
  drop(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const server = process.env.MONGO_TEST_SERVER ?? `mongodb://127.0.0.1:${process.env.MONGO_PORT ?? 27017}`;
  const name = `notification_test_${randomBytes(6).toString('hex')}`;
  const client = new MongoClient(`${server}/`, { serverSelectionTimeoutMS: 3_000 });
  await client.connect();
  const db = client.db(name);
  return {
    url: `${server}/${name}`,
    db,
    drop: async () => {
      await db.dropDatabase();
      await client.close();
    },
  };
}
