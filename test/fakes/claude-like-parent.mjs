// A stand-in for a Claude Code process started WITHOUT the channel flag (or `claude mcp list`):
// run through a symlink named `claude`, it spawns the helper as Claude Code does and keeps its
// stdin open until killed. The helper reads this process's command line.
import { spawn } from 'node:child_process';

const [helper, ...args] = process.argv.slice(2);
const child = spawn(process.execPath, [helper, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
let lines = 0;
child.stdout.on('data', (chunk) => (lines += String(chunk).split('\n').length - 1));
process.on('SIGTERM', () => {
  process.stderr.write(`stdout lines: ${lines}\n`);
  child.stdin.end();
  child.on('exit', () => process.exit(0));
});
