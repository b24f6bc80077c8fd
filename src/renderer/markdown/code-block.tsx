/**
 * A fenced code block from Claude: its language, the highlighted code (horizontal scrolling
 * inside the block, never the page), and a Copy button that copies exactly the original text.
 */
import { useState } from 'react';
import type { Element, ElementContent } from 'hast';

function textOf(node: ElementContent | Element): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

function languageOf(node: Element | undefined): string | null {
  const code = node?.children.find((c): c is Element => c.type === 'element');
  const classes = code?.properties['className'];
  const list = Array.isArray(classes) ? classes.map(String) : [];
  const language = list.find((c) => c.startsWith('language-'));
  return language ? language.slice('language-'.length) : null;
}

export function CodeBlock(props: {
  node?: Element | undefined;
  children?: React.ReactNode;
}): React.JSX.Element {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const text = props.node ? textOf(props.node).replace(/\n$/, '') : '';
  const language = languageOf(props.node);
  const copy = (): void =>
    void navigator.clipboard.writeText(text).then(
      () => setCopied('done'),
      () => setCopied('failed'),
    );
  return (
    <div className="md-code">
      <div className="md-code-bar">
        <span className="md-code-lang">{language ?? 'code'}</span>
        <button
          type="button"
          className="md-copy"
          aria-label={language ? `Copy ${language} code` : 'Copy code'}
          onClick={copy}
          onBlur={() => setCopied('idle')}
        >
          {copied === 'done' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
        </button>
      </div>
      {/* Focusable so a long line can be scrolled from the keyboard. */}
      <pre tabIndex={0}>{props.children}</pre>
    </div>
  );
}
