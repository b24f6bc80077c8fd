/**
 * A believable Switchboard, written straight into a fresh home's database before its hub starts:
 * you (owner on Telegram and iMessage), a colleague on Discord, a team group with a thread, a
 * stranger waiting to be paired, conversations in every state, Claude's Markdown replies, prompts
 * answered from the phone. Used by `npm run screenshots` and the dashboard's browser tests.
 */
import { join } from 'node:path';
import type { Platform } from '../../src/shared/channel';
import { openStore, type Store } from '../../src/main/store/store';
import { DEMO_SESSIONS, demoConversations, type Conversation } from './demo-conversations';
import { seedDemoProjects } from './demo-projects';

export { CLAUDE_MARKDOWN, DEMO_SESSIONS } from './demo-conversations';

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

/**
 * Writes the demo into `<home>/switchboard.db` (a fresh home), relative to `now`, and its projects
 * into `<home>/settings.json`.
 */
export function seedDemo(home: string, now = Date.now()): void {
  seedDemoProjects(home);
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
    for (const c of demoConversations()) write(store, now, c);
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
      name: DEMO_SESSIONS.gone.name,
      cwd: DEMO_SESSIONS.gone.cwd,
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
        sessionName: DEMO_SESSIONS.app.name,
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
