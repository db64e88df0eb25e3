// What the notification service needs from MongoDB, checked against the stack's stand-in with the
// real mongodb 7 driver (which refuses servers reporting a wire version below 9).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MongoClient } from 'mongodb';
import { host, infra } from '../../../libs/topology/src/topology.mjs';

describe('the MongoDB stand-in', () => {
  const client = new MongoClient(`mongodb://${host}:${infra.mongo.port}/`, { serverSelectionTimeoutMS: 3000 });
  // A scratch database of this run, dropped afterwards: the notifications database is left alone.
  const db = client.db(`stand_in_probe_${process.pid}`);
  const notifications = db.collection('notifications');

  before(async () => {
    await client.connect();
  });

  after(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('answers ping', async () => {
    assert.deepEqual(await db.command({ ping: 1 }), { ok: 1 });
  });

  it('stores documents and finds them with a filter and a sort', async () => {
    await notifications.insertMany([
      { orderId: 'o-1', kind: 'ORDER_CONFIRMED', sentAt: new Date('2026-01-01T10:00:00Z') },
      { orderId: 'o-2', kind: 'ORDER_REJECTED', sentAt: new Date('2026-01-01T11:00:00Z') },
      { orderId: 'o-3', kind: 'ORDER_CONFIRMED', sentAt: new Date('2026-01-01T12:00:00Z') },
    ]);
    const confirmed = await notifications
      .find({ kind: 'ORDER_CONFIRMED' }, { projection: { _id: 0, orderId: 1 } })
      .sort({ sentAt: -1 })
      .toArray();
    assert.deepEqual(confirmed, [{ orderId: 'o-3' }, { orderId: 'o-1' }]);
    assert.equal(await notifications.countDocuments({ kind: 'ORDER_CONFIRMED' }), 2);
  });

  it('enforces a unique index with the duplicate-key error code', async () => {
    const deliveries = db.collection('deliveries');
    await deliveries.createIndex({ eventId: 1 }, { unique: true });
    await deliveries.insertOne({ eventId: 'e-1' });
    await assert.rejects(deliveries.insertOne({ eventId: 'e-1' }), { code: 11000 });
    assert.equal(await deliveries.countDocuments(), 1);
  });

  it('applies a conditional update by id only where the rest of the filter holds (the id lookup of MongoStandIn.java)', async () => {
    const claims = db.collection('claims');
    await claims.insertMany([
      { _id: 'n-1', status: 'PENDING', attempts: 0 },
      { _id: 'n-2', status: 'SENT', attempts: 0 },
    ]);
    assert.equal((await claims.updateOne({ _id: 'n-1', status: 'PENDING' }, { $inc: { attempts: 1 } })).modifiedCount, 1);
    assert.equal((await claims.updateOne({ _id: 'n-2', status: 'PENDING' }, { $inc: { attempts: 1 } })).modifiedCount, 0);
    assert.equal((await claims.updateOne({ _id: 'n-3', status: 'PENDING' }, { $inc: { attempts: 1 } })).matchedCount, 0);
    const claimed = await claims.findOneAndUpdate({ _id: 'n-1', status: 'PENDING' }, { $set: { status: 'SENDING' } }, { returnDocument: 'after' });
    assert.deepEqual(claimed, { _id: 'n-1', status: 'SENDING', attempts: 1 });
    assert.equal(await claims.findOne({ _id: 'n-1', status: 'PENDING' }), null);
    assert.deepEqual(await claims.find({ _id: { $in: ['n-1', 'n-2'] }, status: 'SENT' }).toArray(), [{ _id: 'n-2', status: 'SENT', attempts: 0 }]);
  });
});
