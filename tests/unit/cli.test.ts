import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../electron/cli';

function captureOutput() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  return { out, err };
}

describe('the switchyard CLI', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('prints its version with --version', async () => {
    const { out } = captureOutput();
    const code = await runCli(['--version']);
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists its commands with --help', async () => {
    const { out } = captureOutput();
    const code = await runCli(['--help']);
    expect(code).toBe(0);
    expect(out.join('')).toContain('Usage: switchyard');
  });

  it('fails with a hint on an unknown command', async () => {
    const { err } = captureOutput();
    const code = await runCli(['frobnicate']);
    expect(code).not.toBe(0);
    expect(err.join('')).toContain('switchyard --help');
  });
});
