// Runs in: main thread. App-wide state: the batch list, the open batch, the engine, settings and notices, wired together.
import type { BatchId } from '../pipeline/ids';
import { whiteCatalogLook, type Look } from '../pipeline/look';
import { findLookPreset } from '../pipeline/look-presets';
import { parseLook } from '../pipeline/look-json';
import { readCapabilities, readStorageUse, requestPersistentStorage, type Capabilities, type StorageUse } from '../platform/capabilities';
import { BatchRepository } from '../storage/batch-repository';
import { openLustreDb } from '../storage/db';
import type { BatchCategory, BatchRecord } from '../storage/records';
import { toAppError } from '../pipeline/errors';
import { BatchSession, isBatchRunningInAnyTab } from './batch-session.svelte';
import { Engine } from './engine.svelte';
import { Notices } from './notices.svelte';
import { OfflineSupport } from './offline.svelte';
import { Settings } from './settings.svelte';

export type { BatchCategory };

export class Library {
  batches = $state.raw<BatchRecord[]>([]);
  session = $state.raw<BatchSession | undefined>(undefined);
  storage = $state.raw<StorageUse | undefined>(undefined);
  isReady = $state(false);
  needsReload = $state(false);
  readonly notices = new Notices();
  readonly settings = new Settings();
  readonly offline = new OfflineSupport();
  readonly capabilities: Capabilities = readCapabilities();
  readonly engine: Engine;
  #repository?: BatchRepository;

  constructor() {
    this.engine = new Engine(this.settings.backend, this.capabilities.cores);
  }

  get #repo(): BatchRepository {
    if (!this.#repository) throw new Error('Storage is not open yet.');
    return this.#repository;
  }

  /** Opens storage, lists batches, reopens the last batch, and starts loading the model. */
  start = async (): Promise<void> => {
    try {
      const db = await openLustreDb({
        onblocking: () => {
          db.close();
          this.needsReload = true;
        },
      });
      this.#repository = new BatchRepository(db);
      this.batches = await this.#repository.listBatches();
      const lastId = localStorage.getItem('lustre.openBatch');
      const last = this.batches.find((b) => b.id === lastId) ?? this.batches[0];
      if (last) await this.open(last.id);
      this.isReady = true;
      void this.refreshStorage();
    } catch (error) {
      this.notices.push('error', 'Lustre could not open its storage', toAppError(error).message);
    }
    void this.engine.probe();
  };

  /** Reloads into a waiting new version of the app; never while a batch runs (the page would be swapped under it). */
  applyUpdate = async (): Promise<void> => {
    if (this.session?.isBusy) {
      this.notices.push('warning', 'Finish or cancel the running work before updating Lustre.');
      return;
    }
    // Taking a new version swaps the code of every tab; reloading into one another tab took swaps only this one.
    if (!this.offline.isUpdatedElsewhere && (await isBatchRunningInAnyTab())) {
      this.notices.push('warning', 'A batch is being processed in another Lustre tab. Update once it has finished.');
      return;
    }
    await this.offline.applyUpdate();
  };

  refreshStorage = async (): Promise<void> => {
    this.storage = await readStorageUse();
  };

  createBatch = async (name: string, category: BatchCategory = 'rings', presetId = 'white'): Promise<void> => {
    try {
      const look = findLookPreset(presetId)?.look ?? whiteCatalogLook;
      const batch = await this.#repo.createBatch(name.trim() || 'Untitled batch', category, look);
      this.batches = [batch, ...this.batches];
      if (this.batches.length === 1) void requestPersistentStorage().then(this.refreshStorage);
      await this.open(batch.id);
    } catch (error) {
      this.notices.push('error', toAppError(error).message);
    }
  };

  renameBatch = async (id: BatchId, name: string): Promise<void> => {
    const trimmed = name.trim();
    if (!trimmed) return;
    this.#showBatch(await this.#repo.updateBatch(id, { name: trimmed }));
  };

  /** Gives a batch a new look; its finished photos become stale until they are processed again. */
  setBatchLook = async (id: BatchId, look: Look): Promise<void> => {
    // Saved as it will read back (a shadow of kind "none" keeps no opacity…), so results do not go stale on reload.
    await this.#saveBatchChange(id, { look: parseLook(look) });
  };

  /** Sets how a batch's export names its files. */
  setExportNameTemplate = async (id: BatchId, template: string): Promise<void> => {
    await this.#saveBatchChange(id, { exportNameTemplate: template });
  };

  /** Sets whether a batch's photos are made with transparent cut-outs, and exported with them; false when it could not be saved. */
  setExportCutouts = (id: BatchId, isOn: boolean): Promise<boolean> => this.#saveBatchChange(id, { exportCutouts: isOn });

  /** Saves a change to a batch and shows it; a failure is told to the user and gives false. */
  async #saveBatchChange(id: BatchId, change: Parameters<BatchRepository['updateBatch']>[1]): Promise<boolean> {
    try {
      this.#showBatch(await this.#repo.updateBatch(id, change));
      return true;
    } catch (error) {
      this.notices.push('error', toAppError(error).message);
      return false;
    }
  }

  /** The stored batch in the list, and in the open session when it is the open one. */
  #showBatch(updated: BatchRecord): void {
    this.batches = this.batches.map((b) => (b.id === updated.id ? updated : b));
    if (this.session?.batch.id === updated.id) this.session.batch = updated;
  }

  deleteBatch = async (id: BatchId): Promise<void> => {
    if (this.session?.batch.id === id) {
      this.session.dispose();
      this.session = undefined;
    }
    await this.#repo.deleteBatch(id);
    this.batches = this.batches.filter((b) => b.id !== id);
    void this.refreshStorage();
  };

  open = async (id: BatchId): Promise<void> => {
    const batch = this.batches.find((b) => b.id === id);
    if (!batch || this.session?.batch.id === id) return;
    this.session?.dispose();
    const session = new BatchSession(batch, this.#repo, () => this.engine.pool, this.engine.size, this.notices, () => void this.refreshStorage());
    this.session = session;
    localStorage.setItem('lustre.openBatch', id);
    await session.load();
  };

  /** Changes the backend preference; new workers use it. */
  setBackendPreference = (preference: typeof this.settings.backend): void => {
    if (this.session?.run.isRunning) {
      this.notices.push('warning', 'Finish or cancel the running batch before changing the backend.');
      return;
    }
    this.settings.backend = preference;
    this.engine.setPreference(preference);
  };
}
