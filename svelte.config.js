// Svelte compiler options: runes everywhere (Svelte 5).
export default {
  compilerOptions: { runes: true },
};
