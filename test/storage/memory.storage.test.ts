import { MemoryStorage } from 'botbuilder';
import { createStorage } from '../../adapters/storage/index.js';
import { describeStorageContract } from './storage.contract.js';

// botbuilder's own MemoryStorage is the reference the other stores copy: the contract must hold for it.
describeStorageContract({
  name: 'botbuilder MemoryStorage',
  clock: 'none',
  survivesRestart: false,
  movesCorruptAside: false,
  open: async () => ({ storage: new MemoryStorage() }),
});

describeStorageContract({
  name: 'createStorage memory',
  clock: 'none',
  survivesRestart: false,
  movesCorruptAside: false,
  open: async () => ({ storage: createStorage({ kind: 'memory', ttlMs: 1000 }) }),
});
