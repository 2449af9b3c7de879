// Runs in: main thread. Typed context pair for the app-wide Library instance.
import { getContext, setContext } from 'svelte';
import type { Library } from './library.svelte';

const key = Symbol('lustre.library');

export function setLibraryContext(library: Library): Library {
  return setContext(key, library);
}

export function getLibraryContext(): Library {
  const library = getContext<Library | undefined>(key);
  if (!library) throw new Error('getLibraryContext() called outside <App>.');
  return library;
}
