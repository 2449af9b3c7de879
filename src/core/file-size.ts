// File sizes for people: decimal units (kB = 1000 bytes), as file managers and marketplace upload forms count them.

/** "400 KB", "1.2 MB", "3.4 GB": whole kilobytes under a megabyte, one decimal above. */
export function formatFileSize(bytes: number): string {
  if (bytes >= 999_950_000) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 999_500) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1000))} KB`;
}
