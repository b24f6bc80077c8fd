import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogFile, rotatedPath } from '../../../src/main/log-file';
import { createLogger, redactSecrets } from '../../../src/main/log';
import { tempDir } from '../../support/paths';

describe('secrets never reach a log line', () => {
  it('replaces bot tokens, our hex tokens, token= values and bearer tokens', () => {
    const hex = 'a'.repeat(64);
    const line = [
      'GET https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getUpdates',
      'discord MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789',
      `hub token ${hex}`,
      'http://127.0.0.1:5000/#token=abc123&x=1',
      'Authorization: Bearer s3cr3t',
    ].join(' | ');
    const clean = redactSecrets(line);
    expect(clean).toBe(
      [
        'GET https://api.telegram.org/bot<telegram token>/getUpdates',
        'discord <discord token>',
        'hub token <token>',
        'http://127.0.0.1:5000/#token=<token>&x=1',
        'Authorization: Bearer <token>',
      ].join(' | '),
    );
  });

  it('is applied by the logger to every line', () => {
    const lines: string[] = [];
    createLogger((l) => lines.push(l)).error(
      'sent with 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
    );
    expect(lines[0]).toMatch(/error hub: sent with <telegram token>\n$/);
  });

  it('leaves ordinary lines alone', () => {
    const text = 'telegram: 409 Conflict at 12:30:45, retrying in 2 s (session work-2)';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('the log file', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('appends in order, creating its folder, readable only by the user', async () => {
    const file = createLogFile(`${dir.dir}/Logs/Switchboard/switchboard.log`);
    for (let i = 0; i < 50; i++) file.write(`line ${i}\n`);
    await file.flush();
    const text = await readFile(file.path, 'utf8');
    expect(text.split('\n').slice(0, 3)).toEqual(['line 0', 'line 1', 'line 2']);
    expect(text.trim().split('\n')).toHaveLength(50);
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
  });

  it('rotates by size and keeps only the newest files', async () => {
    const file = createLogFile(`${dir.dir}/switchboard.log`, { maxBytes: 100, keep: 3 });
    for (let i = 0; i < 40; i++) {
      file.write(`${String(i).padStart(2, '0')} ${'x'.repeat(36)}\n`); // 40 bytes a line
      await file.flush();
    }
    expect((await readdir(dir.dir)).sort()).toEqual([
      'switchboard.1.log',
      'switchboard.2.log',
      'switchboard.log',
    ]);
    for (const path of [file.path, rotatedPath(file.path, 1), rotatedPath(file.path, 2)])
      expect((await stat(path)).size).toBeLessThanOrEqual(100);
    expect(await readFile(file.path, 'utf8')).toMatch(/^38 x+\n39 x+\n$/);
    expect(await readFile(rotatedPath(file.path, 1), 'utf8')).toMatch(/^36 x+\n37 x+\n$/);
  });

  it('reports a file it cannot write once, and keeps going', async () => {
    const errors: string[] = [];
    await writeFile(`${dir.dir}/not-a-folder`, '');
    const path = `${dir.dir}/not-a-folder/switchboard.log`;
    const file = createLogFile(path, { onError: (m) => errors.push(m) });
    file.write('a\n');
    file.write('b\n');
    await file.flush();
    file.write('c\n');
    await file.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^could not write the log file .*\/not-a-folder\/switchboard\.log: Error: E[A-Z]+/,
    );
  });
});
