import { useConnection } from '../store/connection';

/** Shown above everything while the host cannot be reached; browser mode reconnects by itself. */
export function ConnectionBanner() {
  const status = useConnection((state) => state.status);
  const reason = useConnection((state) => state.reason);
  if (status !== 'lost') return null;
  return (
    <div className="banner banner--error" role="alert" data-testid="connection-banner">
      <strong>Not connected to Switchyard.</strong> {reason}
    </div>
  );
}
