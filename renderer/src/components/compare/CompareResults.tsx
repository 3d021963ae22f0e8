import { Download, FileJson, Square } from 'lucide-react';
import { useLayoutEffect, useRef, useState } from 'react';
import type { CompareRun } from '../../../../shared/api/compare';
import { errorMessage } from '../../errors';
import { useCompare } from '../../store/compare';
import { CompareColumnView } from './CompareColumnView';
import { columnsPerRow } from './layout';
import { MetricsChart } from './MetricsChart';
import { saveFile } from '../saveFile';

async function download(runId: string, format: 'markdown' | 'json', onError: (message: string) => void): Promise<void> {
  try {
    const file = await useCompare.getState().exportRun(runId, format);
    saveFile(file.filename, file.content, file.mimeType);
  } catch (error) {
    onError(errorMessage(error));
  }
}

function useColumnsPerRow(count: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [perRow, setPerRow] = useState(Math.min(count, 3));
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setPerRow(columnsPerRow(count, element.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [count]);
  return { ref, perRow };
}

export function CompareResults({ run }: { run: CompareRun }) {
  const { ref: gridRef, perRow } = useColumnsPerRow(run.columns.length);
  const syncScroll = useCompare((state) => state.syncScroll);
  const setSyncScroll = useCompare((state) => state.setSyncScroll);
  const stop = useCompare((state) => state.stop);
  const bodies = useRef(new Map<string, HTMLDivElement>());
  const syncing = useRef(false);

  // Scroll every column to the same relative position as the one the user scrolls.
  const onScroll = (source: HTMLDivElement) => {
    if (!syncScroll || syncing.current) return;
    syncing.current = true;
    const ratio = source.scrollTop / Math.max(1, source.scrollHeight - source.clientHeight);
    for (const body of bodies.current.values()) {
      if (body !== source) body.scrollTop = ratio * (body.scrollHeight - body.clientHeight);
    }
    requestAnimationFrame(() => (syncing.current = false));
  };

  const running = run.status === 'running';
  const setError = (message: string) => useCompare.setState({ error: message });

  return (
    <section className="compare-results" aria-label="Comparison results">
      <div className="wrap-row compare-toolbar">
        <div className="compare-toolbar__info">
          <span className="muted">
            {run.columns.length} targets
            {run.oneAtATime ? ' · one at a time (local models take turns so they do not fight over memory)' : ' · all at once'}
          </span>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={syncScroll} onChange={(event) => setSyncScroll(event.target.checked)} /> Synchronised scroll
        </label>
        {running && (
          <button type="button" className="button button--small button--danger" onClick={() => void stop()}>
            <Square size={14} /> Stop all
          </button>
        )}
        <button
          type="button"
          className="button button--small"
          disabled={running}
          onClick={() => void download(run.runId, 'markdown', setError)}
        >
          <Download size={14} /> Markdown
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={running}
          onClick={() => void download(run.runId, 'json', setError)}
        >
          <FileJson size={14} /> JSON
        </button>
      </div>
      <div className="compare-grid" ref={gridRef} style={{ ['--columns' as string]: perRow }} data-columns={perRow}>
        {run.columns.map((column) => (
          <CompareColumnView
            key={column.columnId}
            run={run}
            column={column}
            onScroll={onScroll}
            ref={(element) => {
              if (element) bodies.current.set(column.columnId, element);
              else bodies.current.delete(column.columnId);
            }}
          />
        ))}
      </div>
      <MetricsChart columns={run.columns} />
    </section>
  );
}
