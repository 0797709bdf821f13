import { storageKey } from '../platform/store';

/** Where provisioning's records live in KVS (their shapes: records.ts, record-guards.ts). */
export const KEYS = {
  item: (kind: 'issueType' | 'field', key: string) => storageKey('provisioning', 'item', kind, key),
  itemPrefix: `${storageKey('provisioning', 'item')}:`,
  run: storageKey('provisioning', 'run'),
  lock: storageKey('provisioning', 'lock'),
  install: storageKey('install')
};
