import type { AnyMessageDefinition } from './message-definition.js';

/** The message definitions a consumer understands, looked up by type and version. */
export interface MessageRegistry<TDefinition extends AnyMessageDefinition = AnyMessageDefinition> {
  readonly definitions: readonly TDefinition[];
  find(type: string, version: number): TDefinition | undefined;
  /** Every registered version of a type, ascending; empty when the type is unknown. */
  versionsOf(type: string): number[];
  onTopic(topic: string): TDefinition[];
}

export function createMessageRegistry<TDefinition extends AnyMessageDefinition>(
  definitions: readonly TDefinition[],
): MessageRegistry<TDefinition> {
  const byTypeAndVersion = new Map<string, TDefinition>();
  for (const definition of definitions) {
    const key = registryKey(definition.type, definition.version);
    if (byTypeAndVersion.has(key)) throw new Error(`message ${definition.type} v${definition.version} is registered twice`);
    byTypeAndVersion.set(key, definition);
  }
  return {
    definitions,
    find: (type, version) => byTypeAndVersion.get(registryKey(type, version)),
    versionsOf: (type) =>
      definitions
        .filter((definition) => definition.type === type)
        .map((definition) => definition.version)
        .sort((left, right) => left - right),
    onTopic: (topic) => definitions.filter((definition) => definition.topic === topic),
  };
}

function registryKey(type: string, version: number): string {
  return `${type}@${version}`;
}
