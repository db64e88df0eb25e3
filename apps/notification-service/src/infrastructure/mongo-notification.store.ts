import { Injectable, OnModuleInit } from '@nestjs/common';
import { type Collection, MongoServerError } from 'mongodb';
import type { Notification, NotificationDraft, SendClaim } from '../domain/notification.js';
import { NotificationStore } from '../application/ports/notification.store.js';
import { MongoConnection } from '@shop/persistence';

/** A notification as stored: the domain fields, with the id as `_id`. */
type NotificationDocument = Omit<Notification, 'id'> & { _id: string };

const DUPLICATE_KEY = 11000;

/**
 * The `notifications` collection. Idempotency rests on the unique index on (orderId, type), not on
 * a read before the write: two deliveries of one event racing each other still record one
 * notification. The send is claimed with a conditional update (status PENDING in the filter), which
 * a single-document write makes atomic on MongoDB and on the stand-in (its collections serialise
 * writes): two deliveries racing each other get one claim. Each write touches one document, so
 * neither transactions nor sessions (which the native stack's MongoDB stand-in lacks) are needed.
 */
@Injectable()
export class MongoNotificationStore extends NotificationStore implements OnModuleInit {
  private readonly collection: Collection<NotificationDocument>;

  constructor(mongo: MongoConnection) {
    super();
    this.collection = mongo.db.collection<NotificationDocument>('notifications');
  }

  /** createIndex is a no-op when the same index exists, so every start can run it. */
  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ orderId: 1, type: 1 }, { unique: true, name: 'one_per_order_outcome' });
    await this.collection.createIndex({ userId: 1, createdAt: -1 }, { name: 'by_user_newest_first' });
  }

  async recordAttempt(draft: NotificationDraft): Promise<Notification> {
    const { id, ...fields } = draft;
    // The first attempt is counted in the insert: one write for an event seen the first time.
    const document: NotificationDocument = { _id: id, ...fields, status: 'PENDING', recipient: null, attempts: 1 };
    try {
      await this.collection.insertOne(document);
      return toNotification(document);
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
    }
    // Recorded by an earlier delivery of this event (or a twin): that one is the notification,
    // with this attempt counted while it is PENDING.
    const key = { orderId: draft.orderId, type: draft.type };
    const pending = await this.collection.findOneAndUpdate({ ...key, status: 'PENDING' }, { $inc: { attempts: 1 } }, { returnDocument: 'after' });
    const existing = pending ?? (await this.collection.findOne(key));
    if (!existing) throw new Error(`notification for order ${draft.orderId} (${draft.type}) conflicted on insert and cannot be read`);
    return toNotification(existing);
  }

  async find(id: string): Promise<Notification | null> {
    const document = await this.collection.findOne({ _id: id });
    return document && toNotification(document);
  }

  async recordRetryableFailure(id: string, errorCode: string): Promise<void> {
    await this.collection.updateOne({ _id: id, status: 'PENDING' }, { $set: { lastError: errorCode } });
  }

  async markFailed(id: string, errorCode: string): Promise<void> {
    await this.collection.updateOne({ _id: id, status: 'PENDING' }, { $set: { status: 'FAILED', lastError: errorCode } });
  }

  async claimSend(claim: SendClaim, recipient: string): Promise<boolean> {
    const claimed = await this.collection.findOneAndUpdate(
      { _id: claim.notificationId, status: 'PENDING' },
      { $set: { status: 'SENDING', recipient, claimedBy: claim.by, claimedAt: claim.at } },
      { returnDocument: 'after', projection: { _id: 1 } },
    );
    return claimed !== null;
  }

  async markSent(claim: SendClaim, sentAt: Date): Promise<void> {
    await this.collection.updateOne(heldBy(claim), { $set: { status: 'SENT', sentAt }, $unset: { lastError: '' } });
  }

  async releaseClaim(claim: SendClaim, errorCode: string): Promise<void> {
    await this.collection.updateOne(heldBy(claim), { $set: { status: 'PENDING', lastError: errorCode }, $unset: { claimedBy: '', claimedAt: '' } });
  }

  async markClaimFailed(claim: SendClaim, errorCode: string): Promise<void> {
    await this.collection.updateOne(heldBy(claim), { $set: { status: 'FAILED', lastError: errorCode } });
  }

  async recordUnconfirmed(claim: SendClaim, errorCode: string): Promise<void> {
    await this.collection.updateOne(heldBy(claim), { $set: { lastError: errorCode } });
  }

  async listForUser(userId: string, limit: number): Promise<Notification[]> {
    // The _id tie-break keeps the order stable for notifications created in the same millisecond.
    const documents = await this.collection.find({ userId }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
    return documents.map(toNotification);
  }
}

/** Only the delivery holding the claim settles it. */
function heldBy(claim: SendClaim) {
  return { _id: claim.notificationId, status: 'SENDING' as const, claimedBy: claim.by };
}

function toNotification({ _id, ...fields }: NotificationDocument): Notification {
  return { id: _id, ...fields };
}
