import * as RadixDialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';

interface DialogProps {
  title: string;
  open: boolean;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  /** A line under the title that screen readers announce with it. */
  description?: string;
}

/**
 * A modal on Radix's Dialog: focus is trapped and returns where it was, Escape and a click outside
 * close it. Focus starts on the first field or button of the body, so typing works at once; the
 * close button comes last in the tab order for that reason (it is drawn top right).
 */
export function Dialog({ title, open, onClose, children, footer, wide, description }: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content className={wide ? 'dialog dialog--wide' : 'dialog'} {...(!description && { 'aria-describedby': undefined })}>
          <header className="dialog__header">
            <RadixDialog.Title asChild>
              <h2>{title}</h2>
            </RadixDialog.Title>
          </header>
          {description && <RadixDialog.Description className="dialog__description muted">{description}</RadixDialog.Description>}
          <div className="dialog__body">{children}</div>
          {footer && <footer className="dialog__footer">{footer}</footer>}
          <RadixDialog.Close className="icon-button dialog__close" aria-label="Close">
            <X size={16} />
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
