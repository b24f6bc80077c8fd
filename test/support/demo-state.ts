/**
 * A believable Switchboard, written straight into a fresh home's database before its hub starts:
 * you (owner on Telegram and iMessage), a colleague on Discord, a team group with a thread, a
 * stranger waiting to be paired, conversations in every state, Claude's Markdown replies, prompts
 * answered from the phone. Used by `npm run screenshots` and the dashboard's browser tests.
 */
import { join } from 'node:path';
import type { Platform } from '../../src/shared/channel';
import type { ChatKind } from '../../src/main/store/chats';
import type { MessageState } from '../../src/main/store/messages';
import { openStore, type Store } from '../../src/main/store/store';

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

type Line = {
  from: 'person' | 'claude' | 'notice';
  text: string;
  state?: MessageState;
  session?: string;
  senderId?: string;
  senderName?: string;
  minutesAgo: number;
};

type Conversation = {
  platform: Platform;
  chatId: string;
  threadId?: string;
  kind: ChatKind;
  title: string;
  groupId?: string;
  bound?: string;
  lines: Line[];
};

let counter = 0;

function write(store: Store, now: number, c: Conversation): void {
  const threadId = c.threadId ?? '';
  const last = Math.min(...c.lines.map((l) => l.minutesAgo));
  store.chats.touch(
    {
      chatId: c.chatId,
      threadId,
      platform: c.platform,
      kind: c.kind,
      title: c.title,
      groupId: c.groupId ?? null,
    },
    now - last * 60_000,
  );
  if (c.bound) store.chats.bind(c.chatId, threadId, c.bound);
  for (const line of c.lines) {
    const at = now - line.minutesAgo * 60_000;
    const person = line.from === 'person';
    const stored = store.messages.insert({
      platform: c.platform,
      chatId: c.chatId,
      threadId,
      direction: person ? 'in' : 'out',
      externalId: `demo-${++counter}`,
      senderId: person
        ? (line.senderId ?? 'owner')
        : line.from === 'claude'
          ? 'claude'
          : 'switchboard',
      senderName: person
        ? (line.senderName ?? 'Ada')
        : line.from === 'claude'
          ? (line.session ?? '')
          : 'Switchboard',
      text: line.text,
      meta: {},
      attachments: [],
      state: person ? 'received' : 'sent',
      session: person ? null : (line.session ?? null),
      replyTo: null,
      createdAt: at,
    });
    if (!stored || !person || !line.state || line.state === 'received') continue;
    store.messages.markDelivered(stored.id, line.session ?? DEMO_SESSIONS.app.name, at + 900);
    if (line.state === 'answered')
      store.messages.markAnswered(c.chatId, line.session ?? DEMO_SESSIONS.app.name, stored.id + 1);
  }
}

const S = DEMO_SESSIONS;

function conversations(): Conversation[] {
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

/** Writes the demo into `<home>/switchboard.db` (a fresh home), relative to `now`. */
export function seedDemo(home: string, now = Date.now()): void {
  const store = openStore(join(home, 'switchboard.db'), () => now);
  try {
    const put = (
      platform: Platform,
      senderId: string,
      displayName: string,
      role: 'owner' | 'member',
      dmChatId: string | null,
      minutesAgo: number,
    ): void => {
      store.senders.put(
        { platform, senderId, displayName, status: 'allowed', role, dmChatId, addedBy: 'demo' },
        now - minutesAgo * 60_000,
      );
    };
    put('telegram', '1001', 'Ada', 'owner', 'tg:1001', 3 * 24 * 60);
    put('telegram', '3003', 'Linus', 'member', null, 2 * 24 * 60);
    put('discord', '2002', 'Grace', 'owner', null, 2 * 24 * 60);
    put(
      'imessage',
      'ada@example.com',
      'Ada',
      'owner',
      'im:iMessage;-;ada@example.com',
      3 * 24 * 60,
    );
    for (const c of conversations()) write(store, now, c);
    store.pairings.insert({
      code: 'K7MHQ4',
      platform: 'telegram',
      senderId: '4004',
      displayName: 'Margaret',
      chatId: 'tg:4004',
      preview: 'Hi! Grace said I could ask Claude about the build.',
      createdAt: now - 4 * 60_000,
      expiresAt: now + 56 * 60_000,
    });
    store.sessions.attached({
      id: 'demo-docs',
      name: S.gone.name,
      cwd: S.gone.cwd,
      pid: 4242,
      attachedAt: now - 5 * 60 * 60_000,
    });
    store.sessions.detached('demo-docs', now - 2 * 60 * 60_000);
    const settle = (
      requestId: string,
      tool: string,
      preview: string,
      verdict: 'allow' | 'deny',
      by: string,
      via: string,
      minutesAgo: number,
    ): void => {
      const at = now - minutesAgo * 60_000;
      const stored = store.permissions.record({
        request_id: requestId,
        tool_name: tool,
        description: '',
        input_preview: preview,
        sessionId: 'demo-earlier',
        sessionName: S.app.name,
        createdAt: at - 30_000,
      });
      if (stored) store.permissions.decide(stored.id, verdict, by, via, at);
    };
    settle(
      'hjkmn',
      'Bash',
      '{"command":"git push origin main"}',
      'allow',
      'Ada (telegram:1001)',
      'telegram',
      11,
    );
    settle(
      'pqrst',
      'Bash',
      '{"command":"rm -rf dist"}',
      'deny',
      'local owner (menu bar)',
      'menubar',
      47,
    );
  } finally {
    store.close();
  }
}
