import { memo, useDeferredValue } from 'react';
import ReactMarkdown from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import '../markdown.css';

const REMARK = [remarkGfm];
const REHYPE: NonNullable<Parameters<typeof ReactMarkdown>[0]['rehypePlugins']> = [[rehypeHighlight, { detect: true, ignoreMissing: true }]];

/** The parse itself, memoised on the text: a render with unchanged text costs nothing. */
const Parsed = memo(function Parsed({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={REMARK} rehypePlugins={REHYPE}>
      {text}
    </ReactMarkdown>
  );
});

/**
 * Model output rendered as GitHub-flavoured Markdown with highlighted code. Raw HTML in the text is
 * shown as text, never interpreted (react-markdown's default), so an answer cannot inject markup.
 * While an answer streams, re-parsing grows with the text: the deferred value lets React parse in
 * the background and drop stale intermediate texts, so six Compare columns keep frames going.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const shown = useDeferredValue(text);
  return (
    <div className="markdown">
      <Parsed text={shown} />
    </div>
  );
});
