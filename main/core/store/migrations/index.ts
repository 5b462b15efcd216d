import { createStore } from './0010-create-store.js';
import { fullTextAutomerge } from './0020-full-text-automerge.js';
import type { Migration } from './migration.js';

/** Every schema version in order. Never edit a released migration: add one. */
export const MIGRATIONS: readonly Migration[] = [createStore, fullTextAutomerge];
