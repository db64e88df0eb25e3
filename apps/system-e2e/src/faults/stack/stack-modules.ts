// The native stack's own process control (infra/local/stack/), loaded by path like the topology:
// the faults kill and start components exactly the way `stack:up` and `stack:down` do, and leave
// records they understand. Only the parts used here are typed.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPOSITORY_ROOT } from '@shop/testing';

/** `.local/pids/<name>.json`: a pid plus the kernel's start time of that process. */
export interface ProcessRecord {
  name: string;
  pid: number;
  startMarker?: string;
  command: string[];
  startedAt: string;
}

/** A component of the stack (Kafka, the MongoDB stand-in, an app), as components.mjs describes it. */
export interface StackComponent {
  name: string;
  label: string;
  stopDeadlineMs: number;
  start(): Promise<ProcessRecord>;
  isReady(): Promise<boolean>;
}

export interface ProcessesModule {
  readRecord(name: string): ProcessRecord | undefined;
  runningRecord(name: string): ProcessRecord | undefined;
  isRunning(record: ProcessRecord | undefined): boolean;
  startDetached(name: string, command: string, args: string[], options?: { env?: Record<string, string> }): ProcessRecord;
  stopProcess(record: ProcessRecord, deadlineMs: number): Promise<string>;
  forgetRecord(name: string): void;
  logTail(name: string, lines?: number): string;
}

export interface ComponentsModule {
  appComponents: StackComponent[];
  nativeInfrastructure: StackComponent[];
}

const stackModule = <T>(file: string): Promise<T> => import(pathToFileURL(join(REPOSITORY_ROOT, 'infra', 'local', 'stack', file)).href) as Promise<T>;

export const loadProcesses = (): Promise<ProcessesModule> => stackModule<ProcessesModule>('processes.mjs');
export const loadComponents = (): Promise<ComponentsModule> => stackModule<ComponentsModule>('components.mjs');
