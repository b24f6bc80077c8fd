/**
 * The two numbers behind the delivery guarantee, and why they are what they are.
 *
 * Claude Code acknowledges nothing: a channel notification is fire-and-forget, and the most a
 * helper can observe is that its stdout write completed — the event is in the stdin pipe of Claude
 * Code, not yet read. Claude Code reads that pipe on its main thread, so an event waits there for as
 * long as the main thread is busy. Measured with the real Claude Code 2.1.331 (interactive, in tmux,
 * a probe MCP server sending a `ping` request every 25 ms, i.e. how long a byte written now waits
 * before Claude Code reads and answers it): p50 2 ms, but 0.3–0.4 s while it starts, renders the
 * transcript or retries the API, and 2.4 s right after a burst of 200 channel events (it parses and
 * renders them all before it reads again). The MCP SDK client in Node reads within 1–2 ms
 * (bench/burst.ts, bench/stdin-drain.ts).
 */

/**
 * Deliveries acknowledged this recently before a session ended abnormally are sent again, unless
 * Claude answered or reacted to them: 10 s is four times the longest stall measured above, so an
 * event still in the pipe (or read but not yet shown) when Claude Code died is covered on a slower
 * machine too. Longer would mostly repeat messages the dead session had seen — harmless but noisy,
 * since the next session starts without their context anyway.
 */
export const REDELIVER_WITHIN_MS = 10_000;

/**
 * Unacknowledged deliveries per session. The helper writes one event at a time and acknowledges it
 * once stdout drained, so a handful is enough to keep it busy (throughput: bench "burst"), and at
 * most this many are in doubt when a session dies mid-burst.
 */
export const DELIVERY_WINDOW = 8;
