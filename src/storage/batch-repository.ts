// Runs in: main thread. Reads and writes batches, images, originals and results; each write is its own transaction.
import type { BatchId, ImageId } from '../pipeline/ids';
import { newBatchId, newImageId } from '../pipeline/ids';
import { whiteCatalogLook, type Look } from '../pipeline/look';
import { parseLook } from '../pipeline/look-json';
import type { LustreDb } from './db';
import { guardQuota } from './quota';
import type { BatchCategory, BatchRecord, ImageError, ImageRecord, ResultRecord, SourceRecord } from './records';

export interface NewImage {
  name: string;
  blob: Blob;
  thumbnail?: Blob;
  /** Set when the file was recognised as unusable on import. */
  error?: ImageError;
}

/** A stored look, migrated to the current schema; the default look if it cannot be read. */
function readStoredLook(look: unknown): Look {
  try {
    return parseLook(look);
  } catch (error) {
    console.warn('[lustre] a stored look could not be read; using the default look:', error);
    return whiteCatalogLook;
  }
}

export class BatchRepository {
  readonly #db: LustreDb;

  constructor(db: LustreDb) {
    this.#db = db;
  }

  listBatches = async (): Promise<BatchRecord[]> => {
    const batches = await this.#db.getAll('batches');
    // Looks saved by an older version are read through the look migration (a broken one falls back to the default).
    return batches.map((batch) => ({ ...batch, look: readStoredLook(batch.look) })).sort((a, b) => b.updatedAt - a.updatedAt);
  };

  createBatch = (name: string, category: BatchCategory, look: Look): Promise<BatchRecord> =>
    guardQuota(async () => {
      const now = Date.now();
      const batch: BatchRecord = { id: newBatchId(), name, category, look, createdAt: now, updatedAt: now };
      await this.#db.add('batches', batch);
      return batch;
    });

  updateBatch = (id: BatchId, change: Partial<Pick<BatchRecord, 'name' | 'category' | 'look' | 'exportNameTemplate' | 'exportCutouts'>>): Promise<BatchRecord> =>
    guardQuota(async () => {
      const tx = this.#db.transaction('batches', 'readwrite');
      const batch = await tx.store.get(id);
      if (!batch) throw new Error(`No batch ${id}`);
      const updated = { ...batch, ...change, updatedAt: Date.now() };
      await tx.store.put(updated);
      await tx.done;
      return { ...updated, look: readStoredLook(updated.look) };
    });

  /** Deletes a batch with its images, originals and results, all or nothing. */
  deleteBatch = async (id: BatchId): Promise<void> => {
    const tx = this.#db.transaction(['batches', 'images', 'sources', 'results'], 'readwrite');
    await tx.objectStore('batches').delete(id);
    for (const name of ['images', 'sources', 'results'] as const) {
      const index = tx.objectStore(name).index('byBatch');
      for (let cursor = await index.openKeyCursor(id); cursor; cursor = await cursor.continue()) {
        await tx.objectStore(name).delete(cursor.primaryKey);
      }
    }
    await tx.done;
  };

  listImages = async (batchId: BatchId): Promise<ImageRecord[]> => {
    const images = await this.#db.getAllFromIndex('images', 'byBatch', batchId);
    return images.sort((a, b) => a.index - b.index);
  };

  /**
   * Adds files to a batch, each original and its record in one transaction, so a full disk part-way
   * keeps every file stored before it. Returns the records stored; throws storage-quota after the last one.
   */
  addImages = async (batchId: BatchId, files: NewImage[], onadded?: (image: ImageRecord, offset: number) => void): Promise<ImageRecord[]> => {
    const existing = await this.#db.countFromIndex('images', 'byBatch', batchId);
    const added: ImageRecord[] = [];
    for (const [offset, file] of files.entries()) {
      const image: ImageRecord = {
        id: newImageId(),
        batchId,
        name: file.name,
        index: existing + offset,
        type: file.blob.type,
        sizeBytes: file.blob.size,
        addedAt: Date.now(),
        status: file.error ? 'failed' : 'queued',
        ...(file.error ? { error: file.error } : {}),
      };
      const source: SourceRecord = { imageId: image.id, batchId, blob: file.blob, ...(file.thumbnail ? { thumbnail: file.thumbnail } : {}) };
      await guardQuota(async () => {
        const tx = this.#db.transaction(['images', 'sources'], 'readwrite');
        await Promise.all([tx.objectStore('sources').add(source), tx.objectStore('images').add(image), tx.done]);
      });
      added.push(image);
      onadded?.(image, offset);
    }
    await this.touchBatch(batchId);
    return added;
  };

  touchBatch = async (batchId: BatchId): Promise<void> => {
    const tx = this.#db.transaction('batches', 'readwrite');
    const batch = await tx.store.get(batchId);
    if (batch) await tx.store.put({ ...batch, updatedAt: Date.now() });
    await tx.done;
  };

  getSource = (imageId: ImageId): Promise<SourceRecord | undefined> => this.#db.get('sources', imageId);

  getResult = (imageId: ImageId): Promise<ResultRecord | undefined> => this.#db.get('results', imageId);

  /**
   * Writes an image's status (queued, working, failed) without touching its result. An image deleted
   * meanwhile (with its batch, or on its own) stays deleted: returns false and writes nothing.
   */
  putImage = (image: ImageRecord): Promise<boolean> =>
    guardQuota(async () => {
      const tx = this.#db.transaction('images', 'readwrite');
      const exists = (await tx.store.getKey(image.id)) !== undefined;
      if (exists) await tx.store.put(image);
      await tx.done;
      return exists;
    });

  /** Stores a finished result and the image's new status together, unless the image was deleted meanwhile. */
  saveResult = (image: ImageRecord, result: ResultRecord): Promise<boolean> =>
    guardQuota(async () => {
      const tx = this.#db.transaction(['images', 'results'], 'readwrite');
      const exists = (await tx.objectStore('images').getKey(image.id)) !== undefined;
      if (exists) await Promise.all([tx.objectStore('results').put(result), tx.objectStore('images').put(image)]);
      await tx.done;
      return exists;
    });

  deleteImage = async (imageId: ImageId): Promise<void> => {
    const tx = this.#db.transaction(['images', 'sources', 'results'], 'readwrite');
    await Promise.all([
      tx.objectStore('images').delete(imageId),
      tx.objectStore('sources').delete(imageId),
      tx.objectStore('results').delete(imageId),
      tx.done,
    ]);
  };

  /**
   * After a reload, images left "working" by the last session go back to the queue, except one that
   * was already interrupted `maxAttempts` times: it probably crashed the tab, so it fails with a reason.
   */
  requeueInterrupted = async (batchId: BatchId, maxAttempts = 2): Promise<{ requeued: number; failed: number }> => {
    const tx = this.#db.transaction('images', 'readwrite');
    const counts = { requeued: 0, failed: 0 };
    for (let cursor = await tx.store.index('byBatch').openCursor(batchId); cursor; cursor = await cursor.continue()) {
      const image = cursor.value;
      if (image.status !== 'working') continue;
      if ((image.attempts ?? 0) >= maxAttempts) {
        const message = `Processing this photo stopped ${image.attempts} times before it finished (the tab may have run out of memory). Try a smaller copy of the photo.`;
        await cursor.update({ ...image, status: 'failed', error: { code: 'worker-crashed', message } });
        counts.failed++;
      } else {
        await cursor.update({ ...image, status: 'queued' });
        counts.requeued++;
      }
    }
    await tx.done;
    return counts;
  };
}

export type { BatchRecord, ImageRecord, ResultRecord, SourceRecord };
