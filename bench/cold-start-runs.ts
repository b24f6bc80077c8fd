/**
 * One cold start on the raw pipe, as Claude Code lives it: spawn, write `initialize` at once, time
 * its answer; then `notifications/initialized` + `tools/list`, time that answer; close stdin.
 */
import { spawn } from 'node:child_process';

export type ColdStartTimes = { initialize: number; toolsList: number };

const INITIALIZE = `${JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: { roots: { listChanged: true }, elicitation: { form: {}, url: {} } },
    clientInfo: { name: 'claude-code', title: 'Claude Code', version: '2.1.331' },
  },
})}\n`;
const THEN = `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })}\n`;
const TIMEOUT_MS = 20_000;

export function timeColdStart(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<ColdStartTimes> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} gave no answers in ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    const times: number[] = [];
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const lines = output.split('\n').length - 1;
      while (times.length < Math.min(lines, 2)) {
        times.push(performance.now() - started);
        if (times.length === 1) child.stdin.write(THEN);
        else child.stdin.end();
      }
    });
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      const [initialize, toolsList] = times;
      if (initialize === undefined || toolsList === undefined)
        reject(new Error(`${command} exited after ${times.length} answers`));
      else resolve({ initialize, toolsList });
    });
    child.stdin.write(INITIALIZE);
  });
}
