import { describe, expect, it } from 'vitest';
import { parseTolerantly } from '../../../electron/config/tolerant';

describe('the gateway section of config.json', () => {
  it('is read back with its tokens and aliases', () => {
    const token = { id: 't1', name: 'Claude Code', hash: 'a'.repeat(64), hint: 'sk-sy-…abcd', createdAt: 1 };
    const result = parseTolerantly({
      schemaVersion: 1,
      gateway: { enabled: true, port: 9000, aliases: { 'claude-*': 'chain:Main' }, tokens: [token] },
    });
    expect(result).toMatchObject({
      ok: true,
      config: { gateway: { enabled: true, port: 9000, aliases: { 'claude-*': 'chain:Main' }, tokens: [token] } },
    });
    expect(result.ok && result.settingsProblem).toBeFalsy();
  });

  it('falls back to off, with the problem reported, when the section is broken', () => {
    const result = parseTolerantly({ schemaVersion: 1, gateway: { enabled: true, port: 'eighty' } });
    expect(result).toMatchObject({
      ok: true,
      config: { gateway: { enabled: false, tokens: [] } },
      settingsProblem: expect.stringContaining('gateway.port'),
    });
  });
});
