// Runs in: main thread. Collects files from a drop (folders walked recursively) or from a file input.

export interface PickedFile {
  file: File;
  /** Relative path for files from a folder, else the file name. */
  path: string;
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function readFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walkEntry(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    out.push({ file: await readFile(entry as FileSystemFileEntry), path: entry.fullPath.replace(/^\//, '') });
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns at most ~100 entries per call: keep reading until it returns none.
    for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
      for (const child of batch) await walkEntry(child, out);
    }
  }
}

export async function collectDroppedFiles(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.());
  if (entries.every((entry) => entry)) {
    const out: PickedFile[] = [];
    for (const entry of entries) await walkEntry(entry!, out);
    return out.sort((a, b) => a.path.localeCompare(b.path, undefined, { numeric: true }));
  }
  return Array.from(transfer.files, (file) => ({ file, path: file.name }));
}

export function collectInputFiles(list: FileList | null): PickedFile[] {
  return Array.from(list ?? [], (file) => ({ file, path: file.webkitRelativePath || file.name })).sort((a, b) =>
    a.path.localeCompare(b.path, undefined, { numeric: true }),
  );
}
