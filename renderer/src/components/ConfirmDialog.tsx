import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  open: boolean;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  children: ReactNode;
}

/** "Are you sure?" for destructive actions: Cancel, or a red confirm button. */
export function ConfirmDialog({ title, open, confirmLabel, onConfirm, onCancel, children }: Props) {
  return (
    <Dialog
      title={title}
      open={open}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
