/**
 * esbuild plugins that keep the helper's bundles lean without changing what the helper does:
 * - ajv: the SDK's ajv provider is replaced by a stub that throws when constructed, and any other
 *   import of ajv or ajv-formats fails the build (src/mcp/lean/no-json-schema.ts says why);
 * - zod locales: zod exports every language's messages as a namespace (264 KB nobody reads); the
 *   helper keeps English only, which zod installs by default.
 */
import type { Plugin } from 'esbuild';
import { dirname, join, resolve } from 'node:path';

const AJV_STUB = resolve('src/mcp/lean/ajv-provider-stub.ts');
const ZOD_LOCALES = 'switchboard-zod-english-only';

export const noAjv: Plugin = {
  name: 'switchboard-no-ajv',
  setup(build) {
    build.onResolve({ filter: /\/validation\/ajv-provider\.js$/ }, (args) =>
      args.importer.includes('@modelcontextprotocol/sdk') ? { path: AJV_STUB } : undefined,
    );
    build.onResolve({ filter: /^ajv(-formats)?(\/.*)?$/ }, (args) => ({
      errors: [
        {
          text: `ajv must not be bundled into switchboard-mcp (imported by ${args.importer}); see src/mcp/lean/no-json-schema.ts`,
        },
      ],
    }));
  },
};

export const zodEnglishOnly: Plugin = {
  name: 'switchboard-zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), args.path), namespace: ZOD_LOCALES }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: ZOD_LOCALES }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/** Both, for every bundle of the helper. */
export const LEAN_PLUGINS: Plugin[] = [noAjv, zodEnglishOnly];
