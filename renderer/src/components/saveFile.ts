// Hands text to the browser as a downloaded file: the page never writes to disk itself, so this
// works the same in the desktop app and in browser mode.
export function saveFile(filename: string, content: string, type: string): void {
  const href = URL.createObjectURL(new Blob([content], { type }));
  const anchor = Object.assign(document.createElement('a'), { href, download: filename });
  anchor.click();
  // Revoked later, not at once: revoking during the click can cancel the download in Chromium.
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
