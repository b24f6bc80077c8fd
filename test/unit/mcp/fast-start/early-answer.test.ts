/**
 * The npm helper answers some first lines before the SDK is loaded. Every answer it gives must be
 * byte-for-byte the SDK's answer to the same line — for every request shape: protocol versions
 * known and unknown, odd ids, batches, extra and missing keys, invalid JSON, other methods — and
 * for a few thousand random variations of Claude Code's own opening requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earlyAnswerer } from '../../../../src/mcp/fast-start/early-answer';
import { probeSdkAnswers } from '../../../../src/mcp/fast-start/core';
import type { SdkAnswers } from '../../../../src/mcp/fast-start/sdk-answers';
import { sdkReference, type SdkReference } from '../../../support/sdk-reference';
import {
  CLAUDE_DISCOVER,
  CLAUDE_INITIALIZE,
  requestShapes,
  randomShapes,
} from '../../../support/request-shapes';

describe('answers given before the SDK is loaded', () => {
  let answers: SdkAnswers;
  let answer: ReturnType<typeof earlyAnswerer>;
  let sdk: SdkReference;

  beforeAll(async () => {
    answers = await probeSdkAnswers();
    answer = earlyAnswerer(answers);
    sdk = await sdkReference();
  });
  afterAll(() => sdk.close());

  /** Checks each line; returns how many were answered early. */
  async function compare(lines: readonly string[]): Promise<number> {
    let early = 0;
    for (const line of lines) {
      const given = answer(line);
      if (given === undefined) continue;
      early += 1;
      expect({ line, answers: await sdk.answersTo(line) }).toEqual({ line, answers: [given.line] });
    }
    return early;
  }

  it("answers Claude Code's discovery probe and initialize exactly as the SDK does", async () => {
    expect(answer(CLAUDE_DISCOVER)?.line).toBe((await sdk.answersTo(CLAUDE_DISCOVER))[0]);
    expect(answer(CLAUDE_INITIALIZE)?.line).toBe((await sdk.answersTo(CLAUDE_INITIALIZE))[0]);
    expect(answer(CLAUDE_INITIALIZE)?.line).toContain('"protocolVersion":"2025-11-25"');
  });

  it('took every answer from the SDK: each protocol version it knows, and the fallback', () => {
    expect(answers.initialize.map(([version]) => version)).toContain('2025-11-25');
    expect(answers.initialize.length).toBeGreaterThanOrEqual(3);
    expect(answers.handledMethods).toEqual(
      expect.arrayContaining(['initialize', 'ping', 'tools/list', 'tools/call']),
    );
  });

  it('is identical to the SDK for every request shape it answers', async () => {
    const shapes = requestShapes();
    const early = await compare(shapes);
    // The suite must exercise both paths: shapes answered early and shapes left to the SDK.
    expect(early).toBeGreaterThan(20);
    expect(shapes.length - early).toBeGreaterThan(40);
  });

  it('leaves to the SDK what only the SDK can decide', () => {
    for (const line of [
      '[' + CLAUDE_INITIALIZE + ']',
      '{"jsonrpc":"2.0","id":1,"method":"ping"}',
      '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
      '{"jsonrpc":"2.0","method":"notifications/initialized"}',
      '{"jsonrpc":"2.0","id":1.5,"method":"initialize"}',
      'not json',
      '',
    ])
      expect(answer(line), line).toBeUndefined();
  });

  it('is identical to the SDK for thousands of random variations of the opening requests', async () => {
    const shapes = randomShapes(2_000, 20_260_101);
    const early = await compare(shapes);
    expect(early).toBeGreaterThan(200);
    expect(shapes.length - early).toBeGreaterThan(200);
  });
});
