/**
 * The demo's conversations: the web chat, Telegram DMs and a group, a Discord channel with a
 * thread, an iMessage self-chat — in every state a message can be in.
 */
import type { Platform } from '../../src/shared/channel';
import type { ChatKind } from '../../src/main/store/chats';
import type { MessageState } from '../../src/main/store/messages';

export const DEMO_SESSIONS = {
  app: { name: 'switchboard', cwd: '/Users/ada/code/switchboard' },
  site: { name: 'website', cwd: '/Users/ada/code/website' },
  off: { name: 'scratch', cwd: '/Users/ada/tmp/scratch' },
  gone: { name: 'docs', cwd: '/Users/ada/code/docs' },
} as const;

export const CLAUDE_MARKDOWN = [
  'The flaky test was a **race** between the poller and `stop()`. Fixed in three steps:',
  '',
  '1. `stop()` now awaits the in-flight `getUpdates` call',
  '2. the offset is saved *before* acknowledging',
  '3. a regression test covers a stop mid-poll',
  '',
  '```ts',
  'async stop(): Promise<void> {',
  '  this.#abort.abort();',
  '  await this.#inFlight; // never leave a poll running',
  '}',
  '```',
  '',
  '| suite | before | after |',
  '|:------|-------:|------:|',
  '| unit | 412 ✓ | 415 ✓ |',
  '| integration | 1 ✗ | 0 ✗ |',
  '',
  'Details: [PR #42](https://github.com/example/switchboard/pull/42)',
].join('\n');

export type Line = {
  from: 'person' | 'claude' | 'notice';
  text: string;
  state?: MessageState;
  session?: string;
  senderId?: string;
  senderName?: string;
  minutesAgo: number;
};

export type Conversation = {
  platform: Platform;
  chatId: string;
  threadId?: string;
  kind: ChatKind;
  title: string;
  groupId?: string;
  bound?: string;
  lines: Line[];
};

const S = DEMO_SESSIONS;

export function demoConversations(): Conversation[] {
  const ada = { senderId: '1001', senderName: 'Ada' };
  const grace = { senderId: '2002', senderName: 'Grace' };
  return [
    {
      platform: 'web',
      chatId: 'web:main',
      kind: 'dm',
      title: 'Web chat',
      lines: [
        {
          from: 'person',
          text: 'Why did the Telegram integration test fail on CI last night?',
          state: 'answered',
          session: S.app.name,
          minutesAgo: 14,
        },
        { from: 'claude', text: CLAUDE_MARKDOWN, session: S.app.name, minutesAgo: 12 },
        {
          from: 'person',
          text: 'Great — ship it when the suite is green.',
          state: 'delivered',
          session: S.app.name,
          minutesAgo: 3,
        },
      ],
    },
    {
      platform: 'telegram',
      chatId: 'tg:1001',
      kind: 'dm',
      title: 'Ada',
      bound: S.app.name,
      lines: [
        {
          from: 'person',
          ...ada,
          text: 'Run the release checklist please',
          state: 'answered',
          session: S.app.name,
          minutesAgo: 55,
        },
        {
          from: 'claude',
          text: 'Checklist done: **all 9 steps** passed. Tag `v0.4.0` is ready.',
          session: S.app.name,
          minutesAgo: 50,
        },
        {
          from: 'person',
          ...ada,
          text: 'Also bump the changelog date',
          state: 'delivered',
          session: S.app.name,
          minutesAgo: 6,
        },
      ],
    },
    {
      platform: 'discord',
      chatId: 'dc:880011',
      kind: 'group',
      title: '#website',
      bound: S.site.name,
      lines: [
        {
          from: 'person',
          ...grace,
          text: '@Claude the pricing page table is misaligned on mobile',
          state: 'answered',
          session: S.site.name,
          minutesAgo: 31,
        },
        {
          from: 'claude',
          text: 'Fixed: the table now scrolls inside its card below 480 px.',
          session: S.site.name,
          minutesAgo: 29,
        },
      ],
    },
    {
      platform: 'discord',
      chatId: 'dc:880011',
      threadId: '990022',
      kind: 'thread',
      title: 'Launch copy',
      groupId: 'dc:880011',
      lines: [
        {
          from: 'person',
          ...grace,
          text: '@Claude draft three taglines for the launch post',
          state: 'received',
          minutesAgo: 9,
        },
      ],
      bound: S.gone.name,
    },
    {
      platform: 'telegram',
      chatId: 'tg:-1003001',
      kind: 'group',
      title: 'Team',
      groupId: 'tg:-1003001',
      lines: [
        {
          from: 'person',
          senderId: '3003',
          senderName: 'Linus',
          text: '@switchboard_bot what changed in the API this week?',
          state: 'answered',
          session: S.app.name,
          minutesAgo: 240,
        },
        {
          from: 'claude',
          text: 'Two changes: `reply` takes `format`, and `fetch_messages` pages with `before`.',
          session: S.app.name,
          minutesAgo: 238,
        },
      ],
    },
    {
      platform: 'imessage',
      chatId: 'im:iMessage;-;ada@example.com',
      kind: 'dm',
      title: 'Ada (self-chat)',
      lines: [
        {
          from: 'person',
          ...{ senderId: 'ada@example.com', senderName: 'Ada' },
          text: 'Remind me what is left on the website branch',
          state: 'answered',
          session: S.site.name,
          minutesAgo: 26 * 60,
        },
        {
          from: 'claude',
          text: 'Two things: the pricing table and the 404 page copy.',
          session: S.site.name,
          minutesAgo: 26 * 60 - 2,
        },
      ],
    },
  ];
}
