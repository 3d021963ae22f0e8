/** What went wrong, in a red callout that screen readers announce; nothing when nothing did. */
export function ErrorCallout({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="callout callout--error" role="alert">
      {message}
    </div>
  );
}
