/**
 * How long does a line written to Claude Code's stdin wait before Claude Code reads it? An MCP
 * stdio server that answers `initialize` (declaring the channel capability), then for 20 s sends a
 * `ping` request every 25 ms and logs each round trip, with two bursts of 200 channel events
 * (at 2 s and 8 s) whose write-callback times it logs too. Used to choose the redelivery window
 * (src/main/inbox/delivery-policy.ts). Run it under the real CLI, e.g. in tmux:
 *   echo '{"mcpServers":{"probe":{"command":"node","args":["scripts/claude-stdin-probe.mjs"]}}}' > /tmp/probe.json
 *   PROBE_LOG=/tmp/probe.log claude --mcp-config /tmp/probe.json --dangerously-load-development-channels server:probe
 * then read the `rtt` lines of /tmp/probe.log (milliseconds).
 */
import { appendFileSync } from 'node:fs';
const LOG = process.env.PROBE_LOG ?? 'claude-stdin-probe.log';
const log = (o) => appendFileSync(LOG, JSON.stringify({ t: Date.now(), ...o }) + '\n');
log({ ev: 'start', pid: process.pid, ppid: process.ppid });
let buf = '';
const pending = new Map();
let next = 1;
function send(msg, cb) {
  process.stdout.write(JSON.stringify(msg) + '\n', cb);
}
process.stdin.on('data', (c) => {
  buf += c;
  let i;
  while ((i = buf.indexOf('\n')) >= 0) {
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    if (!line.trim()) continue;
    const m = JSON.parse(line);
    if (m.method === 'initialize') {
      send({
        jsonrpc: '2.0',
        id: m.id,
        result: {
          protocolVersion: m.params.protocolVersion,
          capabilities: { tools: {}, experimental: { 'claude/channel': {} } },
          serverInfo: { name: 'probe', version: '1' },
        },
      });
      log({ ev: 'init', client: m.params.clientInfo, pv: m.params.protocolVersion });
    } else if (m.method === 'notifications/initialized') {
      log({ ev: 'initialized' });
      startProbe();
    } else if (m.method === 'tools/list') send({ jsonrpc: '2.0', id: m.id, result: { tools: [] } });
    else if (m.id !== undefined && m.method) send({ jsonrpc: '2.0', id: m.id, result: {} });
    else if (m.id !== undefined && pending.has(m.id)) {
      const t0 = pending.get(m.id);
      pending.delete(m.id);
      log({ ev: 'rtt', ms: performance.now() - t0 });
    }
  }
});
process.stdin.on('end', () => {
  log({ ev: 'stdin-end', ppid: process.ppid });
  process.exit(0);
});
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(s, () => {
    log({ ev: s, ppid: process.ppid });
    process.exit(0);
  });
function startProbe() {
  const iv = setInterval(() => {
    const id = 'p' + next++;
    pending.set(id, performance.now());
    send({ jsonrpc: '2.0', id, method: 'ping' });
  }, 25);
  // bursts of channel notifications; time each write callback (kernel accepted) and total
  let burstNo = 0;
  const burst = () => {
    burstNo++;
    const t0 = performance.now();
    let done = 0;
    const N = 200;
    const one = (k) => {
      const w0 = performance.now();
      send(
        {
          jsonrpc: '2.0',
          method: 'notifications/claude/channel',
          params: {
            content: 'x'.repeat(1000) + ' #' + k,
            meta: { chat_id: 'probe', message_id: String(k) },
          },
        },
        () => {
          const dt = performance.now() - w0;
          if (dt > 5) log({ ev: 'slow-drain', ms: dt, k });
          if (++done === N) log({ ev: 'burst', n: burstNo, ms: performance.now() - t0 });
          else one(k + 1);
        },
      );
    };
    one(0);
  };
  setTimeout(burst, 2000);
  setTimeout(burst, 8000);
  setTimeout(() => {
    clearInterval(iv);
    log({ ev: 'done' });
  }, 20000);
}
