// Batch repository against an in-memory IndexedDB: persistence, cascade delete, resume after a crash.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { whiteCatalogLook } from '../pipeline/look';
import { BatchRepository } from './batch-repository';
import { openLustreDb } from './db';
import type { ResultRecord } from './records';

let dbCounter = 0;
async function openRepository() {
  const db = await openLustreDb({}, `lustre-test-${dbCounter++}`);
  return { db, repository: new BatchRepository(db) };
}

const blobOf = (text: string, type = 'image/jpeg') => new Blob([text], { type });

describe('BatchRepository', () => {
  it('creates, renames and lists batches newest first', async () => {
    const { repository } = await openRepository();
    const first = await repository.createBatch('Rings', 'rings', whiteCatalogLook);
    await new Promise((r) => setTimeout(r, 5));
    const second = await repository.createBatch('Necklaces', 'necklaces', whiteCatalogLook);
    await new Promise((r) => setTimeout(r, 5));
    await repository.updateBatch(first.id, { name: 'Spring rings' });
    const batches = await repository.listBatches();
    expect(batches.map((b) => b.name)).toEqual(['Spring rings', 'Necklaces']);
    expect(batches[1].id).toBe(second.id);
  });

  it('reads a look saved by an older version (schema 1) as the current schema', async () => {
    const { db, repository } = await openRepository();
    const batch = await repository.createBatch('Old', 'rings', whiteCatalogLook);
    const { shadow: _shadow, tone: _tone, strengths: _strengths, ...v1 } = { ...whiteCatalogLook, schemaVersion: 1, name: 'Saved in v1' };
    await db.put('batches', { ...batch, look: { ...v1, framing: { fill: 0.8, anchorX: 0.5, anchorY: 0.5 } } as never });
    const [read] = await repository.listBatches();
    expect(read.look).toEqual({ ...whiteCatalogLook, name: 'Saved in v1', framing: { fill: 0.8, anchorX: 0.5, anchorY: 0.5, margin: 0.02 } });
  });

  it('keeps originals, statuses and results, in the order added', async () => {
    const { db, repository } = await openRepository();
    const batch = await repository.createBatch('B', 'rings', whiteCatalogLook);
    const added = await repository.addImages(batch.id, [
      { name: 'a.jpg', blob: blobOf('aaa') },
      { name: 'b.jpg', blob: blobOf('bbbb'), error: { code: 'decode-failed', message: 'broken' } },
    ]);
    expect(added.map((i) => [i.name, i.index, i.status])).toEqual([
      ['a.jpg', 0, 'queued'],
      ['b.jpg', 1, 'failed'],
    ]);
    const result: ResultRecord = { imageId: added[0].id, batchId: batch.id, pipelineKey: 'k', blob: blobOf('out'), thumbnail: blobOf('t') };
    await repository.saveResult({ ...added[0], status: 'done' }, result);
    const images = await repository.listImages(batch.id);
    expect(images.map((i) => i.status)).toEqual(['done', 'failed']);
    expect(images[1].error?.message).toBe('broken');
    expect((await repository.getSource(added[1].id))?.blob.size).toBe(4);
    expect((await repository.getResult(added[0].id))?.pipelineKey).toBe('k');
    db.close();
  });

  it('puts interrupted images back in the queue, and fails one that keeps being interrupted', async () => {
    const { repository } = await openRepository();
    const batch = await repository.createBatch('B', 'rings', whiteCatalogLook);
    const [once, twice] = await repository.addImages(batch.id, [
      { name: 'a.jpg', blob: blobOf('a') },
      { name: 'b.jpg', blob: blobOf('b') },
    ]);
    await repository.putImage({ ...once, status: 'working', attempts: 1 });
    await repository.putImage({ ...twice, status: 'working', attempts: 2 });
    expect(await repository.requeueInterrupted(batch.id)).toEqual({ requeued: 1, failed: 1 });
    const [a, b] = await repository.listImages(batch.id);
    expect(a.status).toBe('queued');
    expect(b.status).toBe('failed');
    expect(b.error?.code).toBe('worker-crashed');
  });

  it('never brings back an image deleted while it was being processed', async () => {
    const { db, repository } = await openRepository();
    const batch = await repository.createBatch('B', 'rings', whiteCatalogLook);
    const [image] = await repository.addImages(batch.id, [{ name: 'a.jpg', blob: blobOf('a') }]);
    await repository.deleteBatch(batch.id);
    expect(await repository.putImage({ ...image, status: 'queued' })).toBe(false);
    const result: ResultRecord = { imageId: image.id, batchId: batch.id, pipelineKey: 'k', blob: blobOf('out'), thumbnail: blobOf('t') };
    expect(await repository.saveResult({ ...image, status: 'done' }, result)).toBe(false);
    expect(await db.get('images', image.id)).toBeUndefined();
    expect(await repository.getResult(image.id)).toBeUndefined();
  });

  it('deletes a batch with everything in it and nothing else', async () => {
    const { db, repository } = await openRepository();
    const doomed = await repository.createBatch('Doomed', 'rings', whiteCatalogLook);
    const kept = await repository.createBatch('Kept', 'rings', whiteCatalogLook);
    const [gone] = await repository.addImages(doomed.id, [{ name: 'a.jpg', blob: blobOf('a') }]);
    const [stays] = await repository.addImages(kept.id, [{ name: 'b.jpg', blob: blobOf('b') }]);
    await repository.deleteBatch(doomed.id);
    expect((await repository.listBatches()).map((b) => b.name)).toEqual(['Kept']);
    expect(await repository.getSource(gone.id)).toBeUndefined();
    expect(await db.get('images', gone.id)).toBeUndefined();
    expect((await repository.getSource(stays.id))?.blob.size).toBe(1);
  });
});
