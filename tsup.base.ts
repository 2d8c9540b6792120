import type { Options } from 'tsup';

/** Shared tsup settings: ESM with declarations, dependencies left external. */
export function libraryConfig(entry: Record<string, string>, extra: Partial<Options> = {}): Options {
  return {
    entry,
    format: ['esm'],
    target: 'es2022',
    platform: 'neutral',
    dts: { compilerOptions: { composite: false, ignoreDeprecations: '6.0', customConditions: [] } },
    sourcemap: true,
    clean: true,
    treeshake: true,
    splitting: true,
    ...extra,
  };
}
