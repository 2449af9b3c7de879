// Runs in: main thread. Messages for the user (toasts): info, warnings and errors, dismissed by the user or after a while.

export type NoticeKind = 'info' | 'warning' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  title: string;
  detail?: string;
}

export class Notices {
  items = $state.raw<Notice[]>([]);
  #nextId = 1;

  push = (kind: NoticeKind, title: string, detail?: string, timeoutMs = kind === 'error' ? 0 : 8000): void => {
    const notice: Notice = { id: this.#nextId++, kind, title, ...(detail ? { detail } : {}) };
    this.items = [...this.items, notice];
    if (timeoutMs > 0) setTimeout(() => this.dismiss(notice.id), timeoutMs);
  };

  dismiss = (id: number): void => {
    this.items = this.items.filter((n) => n.id !== id);
  };
}
