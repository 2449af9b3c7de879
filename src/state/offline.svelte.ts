// Runs in: main thread. Whether Lustre works offline here: the service worker's state, the saved model files, updates.
// The app wires it to the service worker bridge (src/sw/register.ts); this class only holds and explains the state.

/** `unavailable`: no service worker (a dev server, or a browser without them); `failed`: it could not be stored. */
export type OfflineState = 'unavailable' | 'installing' | 'ready' | 'failed';

/** What this class needs from the service worker bridge. */
export interface OfflineBridge {
  applyUpdate(): Promise<void>;
  listSavedModelFiles(): Promise<string[]>;
  saveModel(file: string): Promise<void>;
}

export class OfflineSupport {
  state = $state<OfflineState>('unavailable');
  /** Model files stored under the version the app's model list names, e.g. `isnet-fp32.onnx`. */
  savedModelFiles = $state.raw<string[]>([]);
  isUpdateWaiting = $state(false);
  /** Another tab took a new version; this page runs the old code until it reloads. */
  isUpdatedElsewhere = $state(false);
  problem = $state<string | undefined>(undefined);
  #bridge?: OfflineBridge;
  /** Files being stored now (not reactive: only guards against storing one twice). */
  #savingFiles: string[] = [];

  /** Called once the bridge is registered; `isControlled`: a service worker already serves this page. */
  connect(bridge: OfflineBridge, isControlled: boolean): void {
    this.#bridge = bridge;
    this.state = isControlled ? 'ready' : 'installing';
  }

  onReady = (): void => {
    this.state = 'ready';
    void this.#refreshSavedModels();
  };

  onModelSaved = (): void => void this.#refreshSavedModels();
  onUpdateWaiting = (): void => void (this.isUpdateWaiting = true);

  onUpdatedElsewhere = (): void => {
    this.isUpdateWaiting = false;
    this.isUpdatedElsewhere = true;
  };

  onError = (message: string): void => {
    this.state = 'failed';
    this.problem = message;
  };

  /** Reloads into the new version. The caller makes sure no batch, import or export is running. */
  applyUpdate = (): Promise<void> => this.#bridge?.applyUpdate() ?? Promise.resolve();

  isModelSaved(file: string): boolean {
    return this.savedModelFiles.includes(file);
  }

  /** Stores the model the engine runs if the service worker did not (it was downloaded before the worker took over). */
  async ensureModelSaved(file: string): Promise<void> {
    if (this.state !== 'ready' || !this.#bridge || this.isModelSaved(file) || this.#savingFiles.includes(file)) return;
    this.#savingFiles.push(file);
    try {
      await this.#refreshSavedModels();
      if (!this.isModelSaved(file)) await this.#bridge.saveModel(file);
      await this.#refreshSavedModels();
    } catch (error) {
      console.warn(`[lustre] the model ${file} could not be stored for offline use:`, error);
    } finally {
      this.#savingFiles = this.#savingFiles.filter((saving) => saving !== file);
    }
  }

  async #refreshSavedModels(): Promise<void> {
    if (!this.#bridge) return;
    try {
      this.savedModelFiles = await this.#bridge.listSavedModelFiles();
    } catch (error) {
      // Cache Storage unreadable (e.g. private-mode limits): the header just does not claim the model is saved.
      console.warn('[lustre] the stored model files could not be listed:', error);
    }
  }
}
