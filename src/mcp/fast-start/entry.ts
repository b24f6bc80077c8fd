#!/usr/bin/env node
/**
 * `dist/switchboard-mcp.js`, the npm helper's entry. Claude Code waits for the helper's first
 * answers at every session start; loading the SDK and zod takes several times as long as Node
 * itself starts. So this file — a few kilobytes, nothing but Node built-ins — answers Claude
 * Code's opening requests itself, with answers the build took from the real SDK, and then loads
 * the rest (`switchboard-mcp-core.cjs`), replaying everything it read into it.
 */
import { createRequire } from 'node:module';
import type * as Core from './core';
import { enablePrivateCompileCache } from './compile-cache';
import { earlyAnswerer } from './early-answer';
import { readEarly } from './early-reader';
import type { SdkAnswers } from './sdk-answers';

/** Compiled in by scripts/build.ts from `probeSdkAnswers()` run against the built core. */
declare const __SWITCHBOARD_SDK_ANSWERS__: SdkAnswers;

const CORE = './switchboard-mcp-core.cjs';
/** Claude Code sends `initialize` right after its discovery probe is answered; past this, load anyway. */
const IDLE_MS = 100;
/** However the client goes on, the core is loaded this soon after the start. */
const LATEST_MS = 500;

const load = createRequire(import.meta.url);

readEarly({
  stdin: process.stdin,
  write: (line) => process.stdout.write(line),
  answer: earlyAnswerer(__SWITCHBOARD_SDK_ANSWERS__),
  loadCore: () => {
    enablePrivateCompileCache();
    try {
      return (load(CORE) as typeof Core).startHelper;
    } catch (error) {
      process.stderr.write(
        `switchboard-mcp: cannot load ${CORE} beside this file (${error instanceof Error ? error.message : String(error)}); reinstall Switchboard or rebuild with npm run build\n`,
      );
      process.exit(1);
    }
  },
  idleMs: IDLE_MS,
  latestMs: LATEST_MS,
});
