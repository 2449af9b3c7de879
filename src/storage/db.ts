// Runs in: main thread. Opens Lustre's IndexedDB with numbered, cumulative migrations.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { BatchId, ImageId } from '../pipeline/ids';
import type { BatchRecord, ImageRecord, ResultRecord, SourceRecord } from './records';

export interface LustreSchema extends DBSchema {
  batches: { key: BatchId; value: BatchRecord };
  images: { key: ImageId; value: ImageRecord; indexes: { byBatch: BatchId } };
  sources: { key: ImageId; value: SourceRecord; indexes: { byBatch: BatchId } };
  results: { key: ImageId; value: ResultRecord; indexes: { byBatch: BatchId } };
}

export type LustreDb = IDBPDatabase<LustreSchema>;

export const databaseName = 'lustre';
export const databaseVersion = 1;

export interface OpenOptions {
  /** Another tab wants a newer version: close and ask the user to reload. */
  onblocking?: () => void;
}

export function openLustreDb(options: OpenOptions = {}, name = databaseName): Promise<LustreDb> {
  return openDB<LustreSchema>(name, databaseVersion, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('batches', { keyPath: 'id' });
        db.createObjectStore('images', { keyPath: 'id' }).createIndex('byBatch', 'batchId');
        db.createObjectStore('sources', { keyPath: 'imageId' }).createIndex('byBatch', 'batchId');
        db.createObjectStore('results', { keyPath: 'imageId' }).createIndex('byBatch', 'batchId');
      }
    },
    blocking() {
      options.onblocking?.();
    },
  });
}
