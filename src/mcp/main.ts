#!/usr/bin/env node
/**
 * `switchboard-mcp` as plain source: what Claude Code spawns, started the simplest way. The npm
 * build starts through `fast-start/entry.ts` and the standalone executable through
 * `snapshot/entry.ts`; all three end in the same `startHelper`, and the differential suite
 * (test/integration/helper-differential.test.ts) holds their behaviour byte-for-byte equal.
 */
import { startHelper } from './helper';

startHelper();
