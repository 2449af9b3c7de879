// Runs in: main thread. Whether Lustre works offline here: the service worker's state, the saved model files, a waiting update.
import { listSavedModelFiles, registerServiceWorker, type ServiceWorkerBridge } from '../sw/register';

/** `unavailable`: no service worker (a dev server, or a browser without them); `failed`: registration failed. */
export type OfflineState = 'unavailable' | 'installing' | 'ready' | 'failed';

export class OfflineSupport {
  state = $state<OfflineState>('unavailable');
  /** Model files stored by the service worker, e.g. `isnet-fp32.onnx`. */
  savedModelFiles = $state.raw<string[]>([]);
  isUpdateWaiting = $state(false);
  problem = $state<string | undefined>(undefined);
  #bridge?: ServiceWorkerBridge;

  start = (): void => {
    this.#bridge = registerServiceWorker({
      onReady: () => {
        this.state = 'ready';
        void this.#refreshSavedModels();
      },
      onModelSaved: () => void this.#refreshSavedModels(),
      onUpdateWaiting: () => (this.isUpdateWaiting = true),
      onError: (error) => {
        this.state = 'failed';
        this.problem = error instanceof Error ? error.message : String(error);
      },
    });
    if (this.#bridge) this.state = 'installing';
  };

  /** Reloads into the waiting version. The caller makes sure no batch is running. */
  applyUpdate = (): void => {
    this.#bridge?.applyUpdate();
  };

  isModelSaved(file: string): boolean {
    return this.savedModelFiles.includes(file);
  }

  async #refreshSavedModels(): Promise<void> {
    try {
      this.savedModelFiles = await listSavedModelFiles();
    } catch {
      // Cache Storage unreadable (e.g. private mode limits): the status just does not claim the model is saved.
    }
  }
}
