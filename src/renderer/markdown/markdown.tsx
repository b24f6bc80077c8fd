/**
 * Claude's messages as CommonMark + GFM (tables, task lists, strikethrough, autolinks, fenced code
 * with highlighting) through react-markdown, which builds React elements — never an HTML string.
 * Raw HTML in the text is shown as text, the tree is sanitized (GitHub's schema) before the
 * highlighter adds its classes, links go only to http(s)/mailto and open in the browser, and
 * images are never fetched: they become a link the owner may choose to open.
 */
import type { Element, Root, RootContent } from 'hast';
import type { AnchorHTMLAttributes } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './code-block';
import { linkHost, safeImageUrl, safeLinkUrl, textMisleads } from './safe-url';

type Parent = Root | Element;

/** Raw HTML (`<script>`, `<img onerror>` …) becomes literal text: shown, never interpreted. */
function rawHtmlAsText() {
  const walk = (parent: Parent): void => {
    parent.children = parent.children.map((child): RootContent => {
      if (child.type === 'raw') return { type: 'text', value: child.value };
      if (child.type === 'element') walk(child);
      return child;
    });
  };
  return (tree: Root): void => walk(tree);
}

function plainText(children: React.ReactNode): string {
  if (typeof children === 'string' || typeof children === 'number') return String(children);
  if (Array.isArray(children)) return children.map(plainText).join('');
  return '';
}

function Link(props: AnchorHTMLAttributes<HTMLAnchorElement>): React.JSX.Element {
  const href = props.href === undefined ? undefined : safeLinkUrl(props.href);
  if (href === undefined) return <span className="md-dead-link">{props.children}</span>;
  const misleads = textMisleads(plainText(props.children), href);
  return (
    <>
      <a href={href} target="_blank" rel="noopener noreferrer" title={href}>
        {props.children}
      </a>
      {misleads && <span className="md-real-host"> (goes to {linkHost(href)})</span>}
    </>
  );
}

function Image(props: {
  src?: string | Blob | undefined;
  alt?: string | undefined;
}): React.JSX.Element {
  const src = typeof props.src === 'string' ? safeImageUrl(props.src) : undefined;
  const label = props.alt ? `Image: ${props.alt}` : 'Image';
  if (src === undefined) return <span className="md-image">[{label}]</span>;
  return (
    <a className="md-image" href={src} target="_blank" rel="noopener noreferrer" title={src}>
      {`${label} — open from ${linkHost(src)}`}
    </a>
  );
}

function TaskBox(props: { checked?: boolean | undefined }): React.JSX.Element {
  return (
    <span className="md-task" role="img" aria-label={props.checked ? 'done' : 'not done'}>
      {props.checked ? '☑' : '☐'}
    </span>
  );
}

/** Column alignment as a class: the page's CSP admits no inline styles. */
function alignClass(style: React.CSSProperties | undefined): string | undefined {
  const align = style?.textAlign;
  return align === 'left' || align === 'right' || align === 'center' ? `md-${align}` : undefined;
}

/** Message headings sit under the page's own: one level down at least. */
const heading =
  (Tag: 'h3' | 'h4' | 'h5' | 'h6') =>
  (props: { children?: React.ReactNode }): React.JSX.Element => (
    <Tag className="md-heading">{props.children}</Tag>
  );

const components: Components = {
  a: Link,
  img: Image,
  input: TaskBox,
  pre: CodeBlock,
  h1: heading('h3'),
  h2: heading('h4'),
  h3: heading('h5'),
  h4: heading('h6'),
  h5: heading('h6'),
  h6: heading('h6'),
  th: (props) => <th className={alignClass(props.style)}>{props.children}</th>,
  td: (props) => <td className={alignClass(props.style)}>{props.children}</td>,
  table: (props) => (
    <div className="md-table" tabIndex={0}>
      <table>{props.children}</table>
    </div>
  ),
};

export function Markdown(props: { text: string }): React.JSX.Element {
  return (
    <div className="md">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rawHtmlAsText, [rehypeSanitize, defaultSchema], rehypeHighlight]}
        components={components}
      >
        {props.text}
      </ReactMarkdown>
    </div>
  );
}
