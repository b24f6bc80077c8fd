/**
 * A remote chat platform for tests, as a ChannelAdapter posing as Telegram (chat ids `tg:…`): the
 * test drives it over a small HTTP control server — a person sends a DM or a group message, with
 * or without mentioning the bot — and reads back everything the hub sent to that platform. It can
 * be told to refuse messages containing some text, as a platform refuses a message it cannot parse.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  AdapterHost,
  AdapterStatus,
  ChannelAdapter,
  InboundMessage,
  SendRequest,
  SendResult,
} from '../../src/main/adapters/adapter';

export type FakeInbound = {
  chatId: string;
  senderId: string;
  senderName?: string;
  text: string;
  kind?: 'dm' | 'group' | 'thread';
  threadId?: string;
  groupId?: string;
  mentionsBot?: boolean;
  externalId?: string;
};

export type FakeOutbound =
  | {
      op: 'send';
      chatId: string;
      threadId: string;
      text: string;
      externalId: string;
      files: string[];
    }
  | { op: 'edit'; chatId: string; externalId: string; text: string }
  | { op: 'react'; chatId: string; externalId: string; emoji: string };

/** Sends whose text contains `containing` fail with `description` (the platform's error text). */
export type FakeRefusal = { containing: string; description: string };

export function createFakePlatform(): ChannelAdapter & { controlPort: () => number } {
  let host: AdapterHost | undefined;
  let server: Server | undefined;
  let nextId = 1;
  const outbound: FakeOutbound[] = [];
  const refusals: FakeRefusal[] = [];
  const status: AdapterStatus = {
    platform: 'telegram',
    state: 'starting',
    detail: 'fake platform',
    lastEventAt: null,
  };

  function inbound(body: FakeInbound): InboundMessage {
    return {
      platform: 'telegram',
      chatId: body.chatId,
      ...(body.threadId ? { threadId: body.threadId } : {}),
      chatKind: body.kind ?? 'dm',
      ...(body.groupId ? { groupId: body.groupId } : {}),
      mentionsBot: body.mentionsBot ?? false,
      externalId: body.externalId ?? `in${nextId++}`,
      senderId: body.senderId,
      senderName: body.senderName ?? `user ${body.senderId}`,
      text: body.text,
      attachments: [],
      at: Date.now(),
    };
  }

  return {
    platform: 'telegram',
    controlPort: () => (server?.address() as AddressInfo | null)?.port ?? 0,
    async start(_signal, adapterHost) {
      host = adapterHost;
      server = createServer((req, res) => {
        let body = '';
        req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        req.on('end', () => {
          if (req.method === 'POST' && req.url === '/inbound') {
            void host
              ?.receive(inbound(JSON.parse(body) as FakeInbound))
              .then(() => res.writeHead(200).end('{}'));
          } else if (req.method === 'POST' && req.url === '/refuse') {
            refusals.push(JSON.parse(body) as FakeRefusal);
            res.writeHead(200).end('{}');
          } else if (req.method === 'GET' && req.url === '/outbound') {
            res
              .writeHead(200, { 'content-type': 'application/json' })
              .end(JSON.stringify(outbound));
          } else res.writeHead(404).end();
        });
      });
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      status.state = 'connected';
    },
    async stop() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
    status: () => ({ ...status }),
    send(request: SendRequest): Promise<SendResult> {
      const refusal = refusals.find((r) => request.text.includes(r.containing));
      if (refusal) return Promise.reject(new Error(refusal.description));
      const externalId = `out${nextId++}`;
      outbound.push({
        op: 'send',
        chatId: request.chatId,
        threadId: request.threadId,
        text: request.text,
        externalId,
        files: request.files.map((f) => f.name),
      });
      return Promise.resolve({ externalIds: [externalId], attachments: [] });
    },
    edit(chatId, externalId, text) {
      outbound.push({ op: 'edit', chatId, externalId, text });
      return Promise.resolve();
    },
    react(chatId, externalId, emoji) {
      outbound.push({ op: 'react', chatId, externalId, emoji });
      return Promise.resolve();
    },
    fetchAttachments: () => Promise.resolve([]),
  };
}
