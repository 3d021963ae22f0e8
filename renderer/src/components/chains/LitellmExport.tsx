import { Download, Server } from 'lucide-react';
import { useState } from 'react';
import type { MethodResult } from '../../../../shared/api';
import { errorMessage } from '../../errors';
import { useChains } from '../../store/chains';
import { Dialog } from '../Dialog';
import { saveFile } from '../saveFile';
import { ErrorCallout } from '../ErrorCallout';
import './litellm-export.css';

type Exported = MethodResult<'chains.exportLitellm'>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * "Export for LiteLLM…": the chains and routes as a LiteLLM proxy config.yaml for a team gateway.
 * The file downloads at once; the dialog then says which environment variables to set on the
 * gateway and what LiteLLM will do differently (the same notes are comments in the file).
 */
export function LitellmExport() {
  const [exported, setExported] = useState<Exported | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = (file: Exported) => saveFile(file.filename, file.content, 'application/yaml');
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const file = await useChains.getState().exportLitellm();
      download(file);
      setExported(file);
      setOpen(true);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card litellm-export" aria-labelledby="litellm-export-title">
      <h2 className="card__title" id="litellm-export-title">
        <Server size={16} /> Team gateway
      </h2>
      <p className="muted">
        Run these chains and routes for your whole team on a LiteLLM proxy. The file names environment variables for the keys; the keys
        themselves stay in this computer’s keychain.
      </p>
      <div>
        {/* Not disabled while busy: a disabled button drops focus, and the dialog returns focus here. */}
        <button type="button" className="button" aria-busy={busy} onClick={() => busy || void run()}>
          <Download size={16} /> Export for LiteLLM…
        </button>
      </div>
      <ErrorCallout message={error} />
      <Dialog
        title="Exported for LiteLLM"
        open={open && exported !== null}
        onClose={() => setOpen(false)}
        wide
        footer={
          exported && (
            <>
              <button type="button" className="button" onClick={() => download(exported)}>
                <Download size={16} /> Download again
              </button>
              <button type="button" className="button button--primary" onClick={() => setOpen(false)}>
                Done
              </button>
            </>
          )
        }
      >
        {exported && (
          <div className="litellm-export__result" data-testid="litellm-export-result">
            <p>
              Downloaded <code>{exported.filename}</code>: {plural(exported.chains, 'chain')}, {plural(exported.routes, 'route')},{' '}
              {plural(exported.models, 'model deployment')}. No key is in it.
            </p>
            <h3 className="litellm-export__heading">Set these on the gateway</h3>
            <p className="muted">
              Then start it with <code>litellm --config {exported.filename}</code>.
            </p>
            <table className="table litellm-export__vars" aria-label="Environment variables to set">
              <tbody>
                {exported.envVars.map((v) => (
                  <tr key={v.name}>
                    <td>
                      <code>{v.name}</code>
                    </td>
                    <td>{v.purpose}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3 className="litellm-export__heading">What LiteLLM does differently ({exported.notes.length})</h3>
            <p className="muted">Each of these is also a comment in the file, where it applies.</p>
            <ul className="litellm-export__notes" aria-label="What LiteLLM does differently">
              {exported.notes.map((note) => (
                <li key={`${note.where}|${note.text}`}>
                  <strong>{note.where}</strong>: {note.text}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Dialog>
    </section>
  );
}
