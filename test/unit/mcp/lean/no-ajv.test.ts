/**
 * The helper carries no ajv. Nothing it does needs it; what would have needed it fails loudly:
 * the SDK's one use (checking an elicitation form's answer against its JSON Schema), the SDK's
 * default validator if anything ever constructed it, and a build that would bundle ajv again.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEAN_PLUGINS } from '../../../../scripts/helper/lean-plugins';
import { AjvJsonSchemaValidator } from '../../../../src/mcp/lean/ajv-provider-stub';
import { NO_JSON_SCHEMA_MESSAGE } from '../../../../src/mcp/lean/no-json-schema';
import { offlineBridge } from '../../../../src/mcp/offline-bridge';
import { createServer } from '../../../../src/mcp/server';
import { DIST, tempDir } from '../../../support/paths';

describe('a helper without ajv', () => {
  it('refuses to validate an elicitation answer instead of accepting it unchecked', async () => {
    const { server } = createServer(offlineBridge());
    const client = new Client(
      { name: 'test', version: '1' },
      { capabilities: { elicitation: { form: {} } } },
    );
    client.setRequestHandler(ElicitRequestSchema, () => ({
      action: 'accept',
      content: { name: 42 },
    }));
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    try {
      await expect(
        server.elicitInput({
          message: 'Your name?',
          requestedSchema: { type: 'object', properties: { name: { type: 'string' } } },
        }),
      ).rejects.toThrow(NO_JSON_SCHEMA_MESSAGE);
    } finally {
      await client.close();
    }
  });

  it("throws if anything constructs the SDK's default validator", () => {
    expect(() => Reflect.construct(AjvJsonSchemaValidator, []) as unknown).toThrow(
      NO_JSON_SCHEMA_MESSAGE,
    );
  });

  it('fails a build that would bundle ajv into the helper', async () => {
    const dir = await tempDir();
    try {
      const entry = join(dir.dir, 'entry.ts');
      await writeFile(entry, "import Ajv from 'ajv';\nexport const a = new Ajv();\n");
      await expect(
        build({
          entryPoints: [entry],
          bundle: true,
          write: false,
          logLevel: 'silent',
          plugins: LEAN_PLUGINS,
        }),
      ).rejects.toThrow(/ajv must not be bundled into switchboard-mcp/);
    } finally {
      await dir.cleanup();
    }
  });

  it('ships neither ajv nor the zod locales other than English in the npm helper', async () => {
    const core = await readFile(join(DIST, 'switchboard-mcp-core.cjs'), 'utf8');
    const entry = await readFile(join(DIST, 'switchboard-mcp.js'), 'utf8');
    for (const bundle of [core, entry]) {
      // Error texts of ajv itself (checked to be in a bundle that includes it).
      expect(bundle).not.toMatch(/ajv implementation error|addKeywords: keyword must be string/);
      // German, Spanish, Polish, Dutch zod messages (esbuild escapes the non-ASCII letters).
      expect(bundle).not.toMatch(/Eingabe|Entrada|Nieprawid|Ongeldige/);
    }
    expect(core).toContain('Invalid input');
    // The entry is Node built-ins and our code only: no SDK, no zod.
    expect(entry.length).toBeLessThan(32 * 1024);
    expect(entry).not.toMatch(/ZodError|zod/i);
  });
});
