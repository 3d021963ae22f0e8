// The theme follows the system unless Settings picks light or dark.
export function applyTheme(theme: 'system' | 'light' | 'dark'): void {
  if (theme === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', theme);
}
