import type { Store } from '../../src/store/store';
import { describeEventStoreContract } from './contract-events';
import { describeOutboxStoreContract } from './contract-outbox';
import { describeRightsStoreContract } from './contract-rights';
import { describeStateStoreContract } from './contract-state';

export interface Closable {
  close(): Promise<void>;
}

/**
 * The behaviour every Store backend must have, one suite per port (the store splits where its
 * transactions do). Run against SQLite here and PostgreSQL in its own suite, so both start from the
 * same definition of correct.
 */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describeEventStoreContract(name, open);
  describeRightsStoreContract(name, open);
  describeStateStoreContract(name, open);
  describeOutboxStoreContract(name, open);
}
