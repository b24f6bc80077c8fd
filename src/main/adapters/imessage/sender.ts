/**
 * Sending through Messages with `osascript`. The text, file path and chat GUID travel as argv
 * items after `--` and are read by the script with `item N of argv` — never spliced into
 * AppleScript source, never parsed as options — so quotes, backslashes, newlines, AppleScript
 * keywords and leading dashes arrive verbatim. A chat GUID that
 * Messages rejects (error -1728, seen with `any;-;…` GUIDs) is retried by addressing the buddy.
 */
import { execFile } from 'node:child_process';
import { PlatformError } from '../adapter';
import { buddyOf } from './handles';

const SEND_TO_CHAT = [
  'on run argv',
  'tell application "Messages" to send (item 1 of argv) to chat id (item 2 of argv)',
  'end run',
];
const SEND_FILE_TO_CHAT = [
  'on run argv',
  'tell application "Messages" to send (POSIX file (item 1 of argv)) to chat id (item 2 of argv)',
  'end run',
];
const SEND_TO_BUDDY = [
  'on run argv',
  'tell application "Messages"',
  'set targetService to 1st account whose service type = iMessage',
  'send (item 1 of argv) to participant (item 2 of argv) of targetService',
  'end tell',
  'end run',
];

export class AppleScriptError extends PlatformError {
  constructor(
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

function run(osascript: string, lines: readonly string[], args: readonly string[]): Promise<void> {
  // osascript parses options like any POSIX tool: without `--`, a text such as "- milk", "-5°" or
  // "-edo shell script …" would be taken as an option — or as one more line of the script.
  const argv = [...lines.flatMap((line) => ['-e', line]), '--', ...args];
  return new Promise((resolve, reject) => {
    execFile(osascript, argv, { timeout: 30_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const text = (stderr || error.message).trim();
      const code = /\((-?\d+)\)\s*$/.exec(text)?.[1];
      reject(
        new AppleScriptError(code === undefined ? undefined : Number(code), explain(text, code)),
      );
    });
  });
}

function explain(text: string, code: string | undefined): string {
  if (code === '-1743')
    return `Messages refused Switchboard (${text}). Allow it in System Settings → Privacy & Security → Automation → Switchboard → Messages.`;
  return `Messages could not send: ${text}`;
}

export type Sender = {
  sendText: (chatGuid: string, text: string) => Promise<void>;
  sendFile: (chatGuid: string, path: string) => Promise<void>;
};

export function createSender(osascript: string): Sender {
  return {
    async sendText(chatGuid, text) {
      try {
        await run(osascript, SEND_TO_CHAT, [text, chatGuid]);
      } catch (error) {
        const buddy = buddyOf(chatGuid);
        if (!(error instanceof AppleScriptError) || error.code !== -1728 || buddy === undefined)
          throw error;
        await run(osascript, SEND_TO_BUDDY, [text, buddy]);
      }
    },
    sendFile: (chatGuid, path) => run(osascript, SEND_FILE_TO_CHAT, [path, chatGuid]),
  };
}
