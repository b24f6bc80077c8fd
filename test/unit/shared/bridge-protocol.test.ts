import { describe, expect, it } from 'vitest';
import {
  BRIDGE_VERSION,
  controlFrame,
  controlHelloFrame,
  proofMessage,
  controlResultFrame,
  encodeFrame,
  helloFrame,
  resultFrame,
  toHelperFrame,
  toHubFrame,
  type ToHelperFrame,
  type ToHubInput,
} from '../../../src/shared/bridge-protocol';

const NONCE = '0123456789abcdef'.repeat(4);
const PROOF = 'fedcba9876543210'.repeat(4);
const auth = { v: 2, nonce: NONCE, proof: PROOF } as const;
const hello = {
  type: 'hello',
  ...auth,
  session: { name: 'alpha', cwd: '/work/alpha', pid: 1234 },
};

describe('hello defaults', () => {
  it('treats a hello without a channel mode as unknown', () => {
    const parsed = toHubFrame.parse({
      type: 'hello',
      ...auth,
      session: { name: 'a', cwd: '/', pid: 1 },
    });
    expect(parsed.type === 'hello' && parsed.session.channels).toBe('unknown');
  });
});

describe('frames to the hub', () => {
  it.each<[string, ToHubInput]>([
    ['hello', { type: 'hello', ...auth, session: { name: 'a', cwd: '/', pid: 1 } }],
    [
      'hello with resume',
      {
        type: 'hello',
        ...auth,
        session: { name: 'a', cwd: '/', pid: 1 },
        resume: 'id-1',
      },
    ],
    ['delivered', { type: 'delivered', deliveryId: '17' }],
    [
      'permission_request',
      {
        type: 'permission_request',
        request_id: 'abcde',
        tool_name: 'Bash',
        description: 'list files',
        input_preview: 'ls',
      },
    ],
    ['call', { type: 'call', id: 'c1', tool: 'reply', args: { chat_id: 'web:main', text: 'hi' } }],
    ['ping', { type: 'ping' }],
    ['pong', { type: 'pong' }],
    ['control_hello', { type: 'control_hello', ...auth }],
    ['control', { type: 'control', v: 2, id: 'x', op: 'status', args: {} }],
  ])('parses a valid %s frame', (_label, frame) => {
    // Parsing fills in defaults (a hello without `channels` is 'unknown'); nothing else changes.
    expect(toHubFrame.parse(frame)).toMatchObject(frame);
  });

  it('fills in empty args for a control frame without them', () => {
    expect(controlFrame.parse({ type: 'control', v: 2, id: 'x', op: 'status' }).args).toEqual({});
  });

  it('rejects an unknown frame type', () => {
    expect(toHubFrame.safeParse({ type: 'subscribe' }).success).toBe(false);
    expect(toHubFrame.safeParse({}).success).toBe(false);
    expect(toHubFrame.safeParse(null).success).toBe(false);
  });

  it('rejects frames only the hub may send', () => {
    expect(
      toHubFrame.safeParse({ type: 'welcome', ...auth, sessionId: 's', name: 'n' }).success,
    ).toBe(false);
    expect(toHubFrame.safeParse({ type: 'challenge', v: 2, nonce: NONCE }).success).toBe(false);
    expect(
      toHubFrame.safeParse({ type: 'deliver', deliveryId: '1', content: 'x', meta: {} }).success,
    ).toBe(false);
    expect(
      toHubFrame.safeParse({ type: 'verdict', request_id: 'abcde', behavior: 'allow' }).success,
    ).toBe(false);
  });

  it('rejects a hello of another protocol version', () => {
    expect(helloFrame.safeParse({ ...hello, v: 1 }).success).toBe(false);
    expect(helloFrame.safeParse({ ...hello, v: '2' }).success).toBe(false);
    const { v: _v, ...noVersion } = hello;
    expect(helloFrame.safeParse(noVersion).success).toBe(false);
  });

  it('rejects a version-1 hello that carries the token instead of a proof', () => {
    const { nonce: _n, proof: _p, ...bare } = hello;
    expect(helloFrame.safeParse({ ...bare, v: 1, token: 't'.repeat(64) }).success).toBe(false);
    expect(helloFrame.safeParse({ ...bare, token: 't'.repeat(64) }).success).toBe(false);
  });

  it.each([
    ['a short nonce', { nonce: 'ab' }],
    ['an uppercase proof', { proof: PROOF.toUpperCase() }],
    ['a proof of the wrong length', { proof: `${PROOF}00` }],
    ['a credential id with a slash', { credential: 'a/b' }],
  ])('rejects a hello with %s', (_label, change) => {
    expect(helloFrame.safeParse({ ...hello, ...change }).success).toBe(false);
    expect(controlHelloFrame.safeParse({ type: 'control_hello', ...auth, ...change }).success).toBe(
      false,
    );
  });

  it('has no token field on any frame: the token never crosses the socket', () => {
    expect(controlFrame.safeParse({ type: 'control', v: 2, id: 'x', op: 'status' }).success).toBe(
      true,
    );
    const parsed = toHubFrame.parse({ ...hello, token: 'secret' });
    expect(parsed).not.toHaveProperty('token');
  });

  it.each([
    ['a space', 'my session'],
    ['a slash', 'a/b'],
    ['a backslash', 'a\\b'],
    ['a colon', 'a:b'],
    ['a newline', 'a\nb'],
    ['nothing', ''],
    ['65 characters', 'n'.repeat(65)],
  ])('rejects a session name with %s', (_label, name) => {
    expect(helloFrame.safeParse({ ...hello, session: { ...hello.session, name } }).success).toBe(
      false,
    );
  });

  it('accepts session names of letters, digits, dot, dash and underscore, up to 64', () => {
    for (const name of ['alpha', 'my-project_2.0', 'Проект', '項目', 'n'.repeat(64)]) {
      expect(
        helloFrame.safeParse({ ...hello, session: { ...hello.session, name } }).success,
        name,
      ).toBe(true);
    }
  });

  it('rejects a hello with a negative or fractional pid', () => {
    expect(helloFrame.safeParse({ ...hello, session: { ...hello.session, pid: -1 } }).success).toBe(
      false,
    );
    expect(
      helloFrame.safeParse({ ...hello, session: { ...hello.session, pid: 1.5 } }).success,
    ).toBe(false);
  });

  it('rejects an overlong resume id', () => {
    expect(helloFrame.safeParse({ ...hello, resume: 'r'.repeat(65) }).success).toBe(false);
  });

  it('rejects a permission request whose id Claude Code would never issue', () => {
    expect(
      toHubFrame.safeParse({
        type: 'permission_request',
        request_id: 'ABCDE',
        tool_name: 'Bash',
        description: '',
        input_preview: '',
      }).success,
    ).toBe(false);
  });
});

describe('frames to the helper', () => {
  it.each<[string, ToHelperFrame]>([
    ['challenge', { type: 'challenge', v: 2, nonce: NONCE }],
    ['welcome', { type: 'welcome', v: 2, proof: PROOF, sessionId: 's1', name: 'alpha' }],
    ['control_welcome', { type: 'control_welcome', v: 2, proof: PROOF }],
    ['error', { type: 'error', code: 'unauthorized', message: 'bad token' }],
    ['deliver', { type: 'deliver', deliveryId: '3', content: 'hi', meta: { chat_id: 'web:main' } }],
    ['verdict', { type: 'verdict', request_id: 'abcde', behavior: 'deny' }],
    ['ok result', { type: 'result', id: 'c1', ok: true, text: 'sent' }],
    ['failed result', { type: 'result', id: 'c1', ok: false, error: 'no such chat' }],
    ['ping', { type: 'ping' }],
    ['control_result', { type: 'control_result', id: 'x', ok: true, data: { sessions: [] } }],
  ])('parses a valid %s frame', (_label, frame) => {
    expect(toHelperFrame.parse(frame)).toEqual(frame);
  });

  it('rejects an error frame with an unknown code', () => {
    expect(toHelperFrame.safeParse({ type: 'error', code: 'teapot', message: '' }).success).toBe(
      false,
    );
  });

  it('rejects a deliver frame whose meta Claude Code would drop', () => {
    expect(
      toHelperFrame.safeParse({
        type: 'deliver',
        deliveryId: '1',
        content: 'x',
        meta: { 'bad-key': 'v' },
      }).success,
    ).toBe(false);
  });
});

describe('result frames', () => {
  it('requires text on success and error on failure', () => {
    expect(resultFrame.safeParse({ type: 'result', id: 'a', ok: true, error: 'x' }).success).toBe(
      false,
    );
    expect(resultFrame.safeParse({ type: 'result', id: 'a', ok: false, text: 'x' }).success).toBe(
      false,
    );
    expect(resultFrame.safeParse({ type: 'result', id: 'a', text: 'x' }).success).toBe(false);
  });

  it('narrows on ok', () => {
    const parsed = resultFrame.parse({ type: 'result', id: 'a', ok: false, error: 'boom' });
    expect(parsed.ok ? parsed.text : parsed.error).toBe('boom');
  });

  it('requires an error string on a failed control result', () => {
    expect(
      controlResultFrame.safeParse({ type: 'control_result', id: 'a', ok: false }).success,
    ).toBe(false);
    expect(
      controlResultFrame.safeParse({ type: 'control_result', id: 'a', ok: false, error: 'nope' })
        .success,
    ).toBe(true);
    expect(
      controlResultFrame.safeParse({ type: 'control_result', id: 'a', ok: 'yes', data: 1 }).success,
    ).toBe(false);
  });
});

describe('encodeFrame', () => {
  it('writes one JSON line that parses back to the same frame', () => {
    const frame: ToHelperFrame = {
      type: 'deliver',
      deliveryId: '9',
      content: 'two\nlines',
      meta: { user: 'ann' },
    };
    const line = encodeFrame(frame);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(toHelperFrame.parse(JSON.parse(line))).toEqual(frame);
  });
});

describe('proofMessage', () => {
  it('differs by side and role, so a proof cannot be reflected or reused for another role', () => {
    const texts = new Set(
      (['client', 'hub'] as const).flatMap((side) =>
        (['session', 'control'] as const).map((role) => proofMessage(side, role, 'h', 'c')),
      ),
    );
    expect(texts.size).toBe(4);
  });

  it('binds both nonces in order', () => {
    expect(proofMessage('client', 'session', 'a', 'b')).not.toBe(
      proofMessage('client', 'session', 'b', 'a'),
    );
    expect(proofMessage('hub', 'control', 'n1', 'n2')).toBe(
      `switchboard-bridge/${BRIDGE_VERSION}\nhub\ncontrol\nn1\nn2`,
    );
  });
});
