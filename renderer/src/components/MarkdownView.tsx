// The Markdown renderer proper, loaded on first use (react-markdown and highlight.js are most of
// the app's JS): the pages open without it, and an answer shows as plain text for the moment it loads.
import { Check, Copy } from 'lucide-react';
import { memo, useRef, useState, type ComponentPropsWithoutRef } from 'react';
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';

const REMARK = [remarkGfm];
const REHYPE: NonNullable<Parameters<typeof ReactMarkdown>[0]['rehypePlugins']> = [
  [rehypeHighlight, { detect: true, ignoreMissing: true }],
];

/** The language a fenced block names, as highlight.js marks its <code> (language-ts, …). */
type PreProps = ComponentPropsWithoutRef<'pre'> & ExtraProps;

function languageOf(node: PreProps['node']): string | undefined {
  const code = node?.children.find((child) => child.type === 'element' && child.tagName === 'code');
  const classes = code?.type === 'element' ? code.properties.className : undefined;
  const found = Array.isArray(classes) ? classes.map(String).find((c) => c.startsWith('language-')) : undefined;
  return found?.slice('language-'.length);
}

/** A code block with its language named and a Copy button for exactly the code. */
function CodeBlock({ node, children, ...rest }: PreProps) {
  const ref = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState(false);
  const language = languageOf(node);
  return (
    <div className="code-block" data-testid="code-block">
      <div className="code-block__bar">
        <span className="code-block__language">{language ?? 'text'}</span>
        <button
          type="button"
          className="code-block__copy"
          aria-label={copied ? 'Code copied' : `Copy ${language ?? ''} code`.replace('  ', ' ')}
          onClick={() =>
            void navigator.clipboard.writeText(ref.current?.textContent ?? '').then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            })
          }
        >
          {copied ? <Check size={13} /> : <Copy size={13} />} {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre ref={ref} {...rest}>
        {children}
      </pre>
    </div>
  );
}

const COMPONENTS: Components = { pre: CodeBlock };

/** The parse itself, memoised on the text: a render with unchanged text costs nothing. */
export const MarkdownView = memo(function MarkdownView({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={REMARK} rehypePlugins={REHYPE} components={COMPONENTS}>
      {text}
    </ReactMarkdown>
  );
});

export default MarkdownView;
