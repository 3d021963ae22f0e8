// Where a turn is written: text, attached images (button, paste or drop), and what happens when the
// host cannot be reached: the text stays, the composer says it will be sent when Switchyard is
// back, and Cancel keeps it here unsent.
import { ImagePlus, Pencil, Send, Square, WifiOff, X } from 'lucide-react';
import { useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { MAX_IMAGE_CHARS, MAX_IMAGES } from '../../../../shared/api/chat';
import { useChat } from '../../store/chat';
import { useConnection } from '../../store/connection';
import { ContextWarning } from './ContextWarning';

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

function readAsDataUri(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error(`Could not read ${file.name}.`));
    reader.readAsDataURL(file);
  });
}

export function Composer() {
  const streaming = useChat((state) => Boolean(state.streaming));
  const target = useChat((state) => state.target);
  const draft = useChat((state) => state.draft);
  const waiting = useChat((state) => state.waiting);
  const setDraft = useChat((state) => state.setDraft);
  const send = useChat((state) => state.send);
  const stop = useChat((state) => state.stop);
  const cancelWaiting = useChat((state) => state.cancelWaiting);
  const connected = useConnection((state) => state.status === 'open');
  const fileInput = useRef<HTMLInputElement>(null);
  const [attachError, setAttachError] = useState<string | null>(null);
  const ready = Boolean(target && (target.kind !== 'profile' || target.model.trim()));
  const hasContent = Boolean(draft.text.trim()) || draft.images.length > 0;

  const attach = async (files: File[]) => {
    setAttachError(null);
    const images = files.filter((file) => IMAGE_TYPES.includes(file.type));
    if (images.length < files.length) setAttachError('Only PNG, JPEG, GIF and WebP images can be attached.');
    const room = MAX_IMAGES - useChat.getState().draft.images.length;
    if (images.length > room) setAttachError(`At most ${MAX_IMAGES} images per message.`);
    const read = await Promise.all(images.slice(0, Math.max(0, room)).map(readAsDataUri));
    const fitting = read.filter((uri) => uri.length <= MAX_IMAGE_CHARS);
    if (fitting.length < read.length) setAttachError('An image is larger than 8 MB; attach a smaller one.');
    if (fitting.length) setDraft({ images: [...useChat.getState().draft.images, ...fitting] });
  };

  const submit = () => {
    if (!hasContent || !ready || streaming || waiting) return;
    void send();
  };

  return (
    <form
      className={waiting ? 'composer composer--waiting' : 'composer'}
      aria-label="Composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onDragOver={(e: DragEvent) => e.preventDefault()}
      onDrop={(e: DragEvent) => {
        e.preventDefault();
        void attach([...e.dataTransfer.files]);
      }}
    >
      {draft.editOf && (
        <div className="composer__note" data-testid="editing-note">
          <Pencil size={14} />
          <span className="composer__note-text">Editing a message: sending replaces it and every answer after it.</span>
          <button type="button" className="link-button" onClick={() => setDraft({ editOf: undefined, text: '', images: [] })}>
            Cancel edit
          </button>
        </div>
      )}
      {waiting && (
        <div className="composer__note composer__note--waiting" role="status" data-testid="waiting-note">
          <WifiOff size={14} />
          <span className="composer__note-text">
            Not connected to Switchyard. Your message is kept here and will be sent when the connection is back.
          </span>
          <button type="button" className="link-button" onClick={cancelWaiting}>
            Don’t send
          </button>
        </div>
      )}
      {!waiting && !connected && hasContent && (
        <div className="composer__note" role="status">
          <WifiOff size={14} />
          <span className="composer__note-text">Not connected: sending waits for the connection.</span>
        </div>
      )}
      <ContextWarning />
      {draft.images.length > 0 && (
        <ul className="composer__images" aria-label="Attached images">
          {draft.images.map((image, index) => (
            <li key={index}>
              <img src={image} alt={`Attachment ${index + 1}`} />
              <button
                type="button"
                className="icon-button composer__unattach"
                aria-label={`Remove attachment ${index + 1}`}
                onClick={() => setDraft({ images: draft.images.filter((_, i) => i !== index) })}
              >
                <X size={12} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {attachError && (
        <div className="field__error" role="alert">
          {attachError}
        </div>
      )}
      <div className="composer__row">
        <button
          type="button"
          className="icon-button composer__attach"
          aria-label="Attach images"
          title="Attach images (or paste, or drop them here)"
          onClick={() => fileInput.current?.click()}
          disabled={draft.images.length >= MAX_IMAGES}
        >
          <ImagePlus size={18} />
        </button>
        <input
          ref={fileInput}
          type="file"
          accept={IMAGE_TYPES.join(',')}
          multiple
          hidden
          data-testid="attach-input"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void attach(files);
          }}
        />
        <textarea
          className="textarea composer__input"
          rows={2}
          placeholder={ready ? 'Message (Enter to send, Shift+Enter for a new line)' : 'Pick a model above first'}
          value={draft.text}
          aria-label="Message"
          onChange={(e) => setDraft({ text: e.target.value })}
          onPaste={(e: ClipboardEvent) => {
            const files = [...e.clipboardData.files].filter((file) => file.type.startsWith('image/'));
            if (files.length) {
              e.preventDefault();
              void attach(files);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        {streaming ? (
          <button type="button" className="button button--danger" onClick={() => void stop()} title="Stop (Esc)">
            <Square size={16} /> Stop
          </button>
        ) : (
          <button type="submit" className="button button--primary" disabled={!ready || !hasContent || waiting}>
            <Send size={16} /> {waiting ? 'Waiting…' : draft.editOf ? 'Resend' : 'Send'}
          </button>
        )}
      </div>
    </form>
  );
}
