import { describeIssues } from './describe-issues.js';
import { envelopeSchema } from './envelope.schema.js';
import { type KnownMessage, type KnownMessageDefinition, messageRegistry } from './all-messages.js';
import type { AnyMessageDefinition, MessageOf } from './message-definition.js';
import type { MessageRegistry } from './message-registry.js';

/** Why a consumer refuses a message; it goes to `<topic>.dlt` with this reason and the detail. */
export type ParseFailureReason = 'MALFORMED_JSON' | 'INVALID_ENVELOPE' | 'UNKNOWN_TYPE' | 'UNSUPPORTED_VERSION' | 'INVALID_PAYLOAD';

export type ParseResult<TMessage, TDefinition> =
  | { ok: true; message: TMessage; definition: TDefinition }
  | { ok: false; reason: ParseFailureReason; detail: string };

/**
 * Reads a Kafka message value into a typed message of the system. Never throws: a bad message is
 * a result to route to the dead-letter topic, not a crash that would block the partition.
 * With `expectedTopic`, a message whose type belongs on another topic is refused as UNKNOWN_TYPE.
 */
export function parseMessage(
  raw: Buffer | string | null | undefined,
  expectedTopic?: string,
): ParseResult<KnownMessage, KnownMessageDefinition> {
  return parseMessageWith(messageRegistry, raw, expectedTopic);
}

/** parseMessage against another set of definitions, e.g. one where a v2 sits beside a v1. */
export function parseMessageWith<TDefinition extends AnyMessageDefinition>(
  registry: MessageRegistry<TDefinition>,
  raw: Buffer | string | null | undefined,
  expectedTopic?: string,
): ParseResult<MessageOf<TDefinition>, TDefinition> {
  const json = readJson(raw);
  if (!json.ok) return json;
  const envelope = envelopeSchema.safeParse(json.value);
  if (!envelope.success) return failure('INVALID_ENVELOPE', describeIssues(envelope.error.issues, 'envelope'));
  const { type, version } = envelope.data;
  const definition = registry.find(type, version);
  if (!definition) return unknownDefinition(registry, type, version);
  if (expectedTopic !== undefined && definition.topic !== expectedTopic) {
    return failure('UNKNOWN_TYPE', `${type} v${version} belongs on ${definition.topic}, not on ${expectedTopic}`);
  }
  const payload = definition.payloadSchema.safeParse(envelope.data.payload);
  if (!payload.success) {
    return failure('INVALID_PAYLOAD', `${type} v${version}: ${describeIssues(payload.error.issues, 'payload')}`);
  }
  const message = { ...envelope.data, payload: payload.data } as MessageOf<TDefinition>;
  return { ok: true, message, definition };
}

function readJson(raw: Buffer | string | null | undefined): { ok: true; value: unknown } | ReturnType<typeof failure> {
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
  if (text === null || text === undefined || text.length === 0) return failure('MALFORMED_JSON', 'the message has no value');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return failure('MALFORMED_JSON', `not JSON (${(error as Error).message}): ${abbreviate(text)}`);
  }
}

function unknownDefinition(registry: MessageRegistry, type: string, version: number) {
  const knownVersions = registry.versionsOf(type);
  if (knownVersions.length > 0) {
    return failure('UNSUPPORTED_VERSION', `${type} v${version} is not supported; known versions: ${knownVersions.map((known) => `v${known}`).join(', ')}`);
  }
  return failure('UNKNOWN_TYPE', `no message type "${type}" is known`);
}

function failure(reason: ParseFailureReason, detail: string): { ok: false; reason: ParseFailureReason; detail: string } {
  return { ok: false, reason, detail };
}

function abbreviate(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
