// Text from the host where `backticks` mark code (a path, an env var): shown with <code>, never as HTML.

export function CodeText({ text }: { text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}
