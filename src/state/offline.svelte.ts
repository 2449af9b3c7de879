// Runs in: main thread. Whether Lustre works offline here: the service worker's state, the saved model files, updates.
// The app wires it to the service worker bridge (src/sw/register.ts); this class only holds and explains the state.

/** `unavailable`: no service worker (a dev server, or a browser without them); `failed`: it could not be stored. */
export type OfflineState = 'unavailable' | 'installing' | 'ready' | 'failed';

/** What this class needs from the service worker bridge. */
export interface OfflineBridge {
  applyUpdate(): Promise<void>;
  reload(): void;
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
  /** No service worker served this page when it loaded: a model it downloads may have bypassed the worker's cache. */
  #wasUncontrolledAtLoad = false;
  /** Files being stored or that failed to store (not reactive: only guards against storing one twice). */
  #triedFiles: string[] = [];

  /** Called once the bridge is registered; `isControlled`: a service worker already serves this page. */
  connect(bridge: OfflineBridge, isControlled: boolean): void {
    this.#bridge = bridge;
    this.#wasUncontrolledAtLoad = !isControlled;
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
    if (this.state === 'ready') return;
    this.state = 'failed';
    this.problem = message;
  };

  /** Reloads into the new version (the one another tab took, or the waiting one). The caller makes sure no work is running. */
  applyUpdate = async (): Promise<void> => {
    if (this.isUpdatedElsewhere) this.#bridge?.reload();
    else await this.#bridge?.applyUpdate();
  };

  isModelSaved(file: string): boolean {
    return this.savedModelFiles.includes(file);
  }

  /**
   * Stores the model the engine runs if the service worker did not: on a first visit the model may be downloaded
   * before the worker takes over the page. Tried once per file and page.
   */
  async ensureModelSaved(file: string): Promise<void> {
    if (!this.#wasUncontrolledAtLoad || this.state !== 'ready' || !this.#bridge || this.#triedFiles.includes(file)) return;
    this.#triedFiles.push(file);
    try {
      await this.#refreshSavedModels();
      if (!this.isModelSaved(file)) await this.#bridge.saveModel(file);
      await this.#refreshSavedModels();
    } catch (error) {
      console.warn(`[lustre] the model ${file} could not be stored for offline use:`, error);
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
