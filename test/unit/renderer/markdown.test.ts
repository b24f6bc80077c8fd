/**
 * The Markdown renderer for Claude's messages, rendered to static HTML by React itself: every
 * CommonMark + GFM construct people use, and every trick that would put markup, script or a
 * remote fetch into the page coming out inert.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../../src/renderer/markdown/markdown';
import { safeLinkUrl, textMisleads } from '../../../src/renderer/markdown/safe-url';

const render = (text: string): string => renderToStaticMarkup(createElement(Markdown, { text }));

/**
 * Nothing in the output may run or fetch: no script, handler, frame, image, form or style element
 * or attribute. Only real tags are inspected (escaped text such as `&lt;script&gt;` is just text).
 */
function expectInert(html: string): void {
  const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
  for (const tag of tags) {
    expect(tag).not.toMatch(
      /^<(script|iframe|object|embed|img|svg|math|form|style|link|meta|base|input|details)\b/i,
    );
    expect(tag).not.toMatch(/\son[a-z]+=/i);
    expect(tag).not.toMatch(/(href|src|action|formaction|data)="\s*(javascript|vbscript|data):/i);
    expect(tag).not.toMatch(/\sstyle=/i);
  }
}

describe('Markdown: what Claude writes', () => {
  it('renders emphasis, lists, quotes and headings below the page’s own', () => {
    const html = render(
      '# Title\n\n**bold** _it_ ~~gone~~\n\n- a\n- b\n\n1. one\n2. two\n\n> quoted',
    );
    expect(html).toContain('<h3 class="md-heading">Title</h3>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>it</em>');
    expect(html).toContain('<del>gone</del>');
    expect(html).toMatch(/<ul>\s*<li>a<\/li>\s*<li>b<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol>\s*<li>one<\/li>/);
    expect(html).toMatch(/<blockquote>\s*<p>quoted<\/p>/);
  });

  it('renders GFM tables inside a scrollable, focusable box, keeping alignment', () => {
    const html = render('| a | b |\n|:--|--:|\n| 1 | 2 |');
    expect(html).toMatch(/<div class="md-table" tabindex="0"><table>/);
    expect(html).toContain('<th class="md-left">a</th>');
    expect(html).toContain('<td class="md-right">2</td>');
    expectInert(html);
  });

  it('shows task lists as labelled marks, not form controls', () => {
    const html = render('- [x] done\n- [ ] todo');
    expect(html).toContain('role="img" aria-label="done"');
    expect(html).toContain('aria-label="not done"');
    expectInert(html);
  });

  it('highlights fenced code, labels its language and offers a copy button', () => {
    const html = render('```ts\nconst x: number = 1;\n```');
    expect(html).toContain('class="md-code-lang">ts<');
    expect(html).toContain('aria-label="Copy ts code"');
    expect(html).toMatch(/<span class="hljs-keyword">const<\/span>/);
    expect(html).toContain('<pre tabindex="0"><code class="hljs language-ts">');
  });

  it('keeps code of an unknown language, and an unclosed fence, as plain code', () => {
    expect(render('```nosuchlang\n<b>x</b>\n```')).toContain('&lt;b&gt;x&lt;/b&gt;');
    const unclosed = render('```\nlet a = 1\n\nstill code');
    expect(unclosed).toContain('still code');
    expect(unclosed).toMatch(/<pre tabindex="0"><code>let a = 1\n\nstill code/);
  });

  it('turns links and autolinks into links that open in the browser', () => {
    const html = render(
      'See [docs](https://example.com/a?b=1&c=2), https://x.example and www.y.example',
    );
    expect(html).toContain(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer"',
    );
    expect(html).toContain('href="https://x.example/"');
    expect(html).toContain('href="http://www.y.example/"');
  });

  it('shows footnotes as numbered notes without in-page jumps (ids repeat across messages)', () => {
    const html = render('A claim[^1].\n\n[^1]: The source.');
    expect(html).toMatch(/A claim<sup><span class="md-dead-link">1<\/span><\/sup>/);
    expect(html).toContain('The source.');
    expect(html).not.toContain('href="#');
  });

  it('renders nothing for empty text and survives a very long line', () => {
    expect(render('')).toBe('<div class="md"></div>');
    expect(render('x'.repeat(100_000))).toContain('x'.repeat(1000));
  });
});

describe('Markdown: nothing runs, nothing loads', () => {
  const attacks: Array<[string, string]> = [
    ['script tag', '<script>alert(1)</script>'],
    ['event handler', '<img src=x onerror=alert(1)>'],
    ['svg with onload', '<svg onload=alert(1)><circle/></svg>'],
    ['svg script', '<svg><script>alert(1)</script></svg>'],
    ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ['javascript link', '[click](javascript:alert(1))'],
    ['mixed-case scheme', '[click](JaVaScRiPt:alert(1))'],
    ['entity-encoded scheme', '[click](javascript&#58;alert(1))'],
    ['tab inside scheme', '[click](java\tscript:alert(1))'],
    ['leading space', '[click]( javascript:alert(1))'],
    ['vbscript', '[click](vbscript:msgbox(1))'],
    ['data html link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['data svg image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['reference link', '[click][r]\n\n[r]: javascript:alert(1)'],
    ['angle autolink', '<javascript:alert(1)>'],
    ['html in link text', '[<img src=x onerror=alert(1)>](https://example.com)'],
    ['title breakout', '[x](https://example.com "a\\" onmouseover=\\"alert(1)")'],
    ['form', '<form action="javascript:alert(1)"><button>go</button></form>'],
    ['style tag', '<style>body{display:none}</style>'],
    ['inline style', '<p style="position:fixed;inset:0">cover</p>'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
    ['math', '<math><mtext><script>alert(1)</script></mtext></math>'],
    ['details ontoggle', '<details open ontoggle=alert(1)>'],
    ['html comment', '<!-- <script>alert(1)</script> -->'],
    ['object', '<object data="javascript:alert(1)"></object>'],
  ];

  it.each(attacks)('%s stays inert', (_name, text) => {
    expectInert(render(text));
  });

  it('shows raw HTML as the text it is', () => {
    const html = render('Hi! <img src=x onerror=alert(1)> stays text');
    expect(html).toContain('Hi! &lt;img src=x onerror=alert(1)&gt; stays text');
  });

  it('never loads a remote image: it becomes a link naming the host', () => {
    const html = render('![chart](https://tracker.example/pixel.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="https://tracker.example/pixel.png"');
    expect(html).toContain('Image: chart — open from tracker.example');
  });

  it('names the real host when link text pretends to be another address', () => {
    const html = render('[https://bank.example/login](https://evil.example/phish)');
    expect(html).toContain('(goes to evil.example)');
    expect(render('[https://example.com/a](https://example.com/b)')).not.toContain('goes to');
  });

  it('drops links it will not follow but keeps their words', () => {
    const html = render('[click me](javascript:alert(1))');
    expect(html).toContain('click me');
    expect(html).not.toContain('<a ');
  });
});

describe('safe URLs', () => {
  it('admits only absolute http(s) and mailto', () => {
    expect(safeLinkUrl('https://example.com')).toBe('https://example.com/');
    expect(safeLinkUrl('mailto:a@example.com')).toBe('mailto:a@example.com');
    for (const bad of [
      '#user-content-fn-1',
      '/api/files/1',
      'file:///etc/passwd',
      'javascript:1',
      'http://',
      '//evil.example',
      'blob:x',
    ])
      expect(safeLinkUrl(bad)).toBeUndefined();
  });

  it('spots link text naming another host', () => {
    expect(textMisleads('paypal.com', 'https://evil.example')).toBe(true);
    expect(textMisleads('www.example.com', 'https://example.com/x')).toBe(false);
    expect(textMisleads('the docs', 'https://evil.example')).toBe(false);
  });
});
