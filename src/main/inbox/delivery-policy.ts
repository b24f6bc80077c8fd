/**
 * The two numbers behind the delivery guarantee, and why they are what they are.
 *
 * Claude Code acknowledges nothing: a channel notification is fire-and-forget, and the most a
 * helper can observe is that its stdout write completed — the event is in Claude Code's stdin pipe,
 * not yet read. Claude Code reads that pipe on its main thread, so an event waits there as long as
 * the main thread is busy. Measured with the real Claude Code 2.1.331 (interactive, in tmux, with
 * `scripts/claude-stdin-probe.mjs` as an MCP server sending a `ping` request every 25 ms: how long a
 * line written now waits before Claude Code reads and answers it), on the 2-core machine the tests
 * run on: p50 2 ms; 0.3–0.4 s while it starts, takes a prompt or retries the API; 2.4 s right after
 * a burst of 200 channel events, which it parses and renders before reading on. In print mode
 * (`-p`) the longest wait was 92 ms.
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
 * once stdout drained; the hub refills the window once per read of acknowledgements. 32 keeps the
 * helper busy while hub and helper wait for the CPU on a loaded machine (8 halved throughput there:
 * bench "delivery-window"), and bounds what is in doubt when a session dies mid-burst: at most this
 * many events, all sent again marked `redelivered`.
 */
export const DELIVERY_WINDOW = 32;
