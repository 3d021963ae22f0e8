import { lazy, memo, Suspense, useDeferredValue } from 'react';
import '../markdown.css';

const MarkdownView = lazy(() => import('./MarkdownView'));

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
      <Suspense fallback={<p className="markdown__plain">{shown}</p>}>
        <MarkdownView text={shown} />
      </Suspense>
    </div>
  );
});
