// The provider families (providers/families.ts): each one says how its providers are built, which
// options a profile may set and how the form asks for its credential; the factory, the catalog
// listing and the profile view read nothing else.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listProviders, resolveProviderKey } from '../../../electron/providers/catalog';
import { CATALOG } from '../../../electron/providers/catalog-data';
import { optionFields, readOptions, textOption, booleanOption, numberOption, choiceOption } from '../../../electron/providers/core/options';
import type { SignIns, SignInRequest, TokenSource } from '../../../electron/providers/core/sign-in';
import { createProvider, otherCredential } from '../../../electron/providers/factory';
import { FAMILIES, familyFor } from '../../../electron/providers/families';
import { clearKnownSecrets } from '../../../electron/secrets/redact';

const form = (key: string) => listProviders().find((p) => p.key === key)!.form;

/** A host's sign-ins that hand out a fixed token and record what they were asked for. */
function recordingSignIns(grant = { token: 'signed-in-token-0123456789', accountId: 'acct-1' }) {
  const opened: Array<{ id: string; request: SignInRequest }> = [];
  const grants: string[] = [];
  const signIns: SignIns = {
    open(id, request) {
      opened.push({ id, request });
      const source: TokenSource = {
        label: `${id} sign-in`,
        grant: async () => {
          grants.push(id);
          return grant;
        },
      };
      return source;
    },
  };
  return { signIns, opened, grants };
}

describe('provider families', () => {
  let home: string | undefined;
  afterEach(() => {
    clearKnownSecrets();
    if (home) rmSync(home, { recursive: true, force: true });
    home = undefined;
  });

  it('build every adapter kind in the catalog, each kind in exactly one family', () => {
    for (const entry of CATALOG) expect([entry.key, familyFor(entry.adapter) !== undefined]).toEqual([entry.key, true]);
    const kinds = FAMILIES.flatMap((family) => family.kinds);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it('label every option they offer, for every kind they serve', () => {
    for (const family of FAMILIES) {
      for (const kind of family.kinds)
        for (const field of optionFields(family.options, kind)) expect(field.label.length).toBeGreaterThan(0);
    }
  });

  it("describe each provider's form: Azure's fields only for Azure, Bedrock's region and key label, Copilot's host and no key", () => {
    expect(form('azure_openai').options.map((f) => f.name)).toEqual(['deployment', 'apiVersion', 'auth', 'resource']);
    expect(form('azure_openai').options.find((f) => f.name === 'auth')).toMatchObject({
      type: 'choice',
      choices: [
        { value: 'api-key', label: 'API key (api-key header)' },
        { value: 'bearer', label: 'Entra ID token (Bearer)' },
      ],
    });
    expect(form('openai').options.map((f) => f.name)).toEqual(['reasoningEffort']);
    expect(form('openai').options[0]).toMatchObject({ advanced: true });
    expect(form('bedrock')).toMatchObject({ keyLabel: 'Bedrock API key (optional with AWS credentials)', keyEnvVars: ['BEDROCK_API_KEY'] });
    expect(form('bedrock').options.map((f) => [f.name, f.label])).toEqual([
      ['region', 'AWS region'],
      ['awsProfile', 'AWS profile (optional)'],
    ]);
    expect(form('copilot')).toMatchObject({
      keyLabel: null,
      keyEnvVars: [],
      options: [{ name: 'githubHost', label: 'GitHub host', placeholder: 'github.com' }],
    });
    expect(form('copilot').note).toMatch(/sign in with GitHub after saving/);
    expect(form('claude-code').note).toContain('`CLAUDE_CODE_PATH`');
    expect(form('gemini')).toMatchObject({ keyLabel: 'API key', thenReads: "the Gemini CLI's own sign-in (`~/.gemini/oauth_creds.json`)" });
    expect(form('ollama')).toMatchObject({
      keyLabel: 'API key (optional for local servers)',
      options: [{ name: 'think', type: 'boolean' }],
    });
    expect(form('anthropic')).toMatchObject({
      options: [],
      keyLabel: 'API key',
      keyEnvVars: ['ANTHROPIC_OAUTH_TOKEN', 'ANTHROPIC_API_KEY', 'SWITCHYARD_API_KEY', 'API_KEY', 'ZEROCLAW_API_KEY'],
    });
  });

  it('read stored options leniently: trimmed, blank or refused values unset, form text turned into yes/no and numbers', () => {
    const schema = z.object({
      name: textOption({ label: 'Name' }),
      on: booleanOption({ label: 'On' }),
      wait: numberOption({ label: 'Wait' }),
      mode: choiceOption(['a', 'b'], { label: 'Mode', choices: { a: 'A', b: 'B' } }),
    });
    expect(readOptions(schema, { name: '  x  ', on: 'true', wait: '120000', mode: 'b', other: 'kept out' })).toEqual({
      name: 'x',
      on: true,
      wait: 120000,
      mode: 'b',
    });
    expect(readOptions(schema, { name: '   ', on: 'maybe', wait: 'soon', mode: 'c' })).toEqual({});
    expect(readOptions(schema, { on: false, wait: 5 })).toEqual({ on: false, wait: 5 });
    expect(readOptions(schema, undefined)).toEqual({});
  });

  it('pass the profile options through their schema to the adapter', () => {
    const timeouts = createProvider('claude-code', { options: { timeoutMs: '5000' }, env: {} }) as unknown as {
      options: { timeoutMs?: number };
    };
    expect(timeouts.options.timeoutMs).toBe(5000);
    const odd = createProvider('claude-code', { options: { timeoutMs: 'later' }, env: {} }) as unknown as {
      options: { timeoutMs?: number };
    };
    expect(odd.options.timeoutMs).toBeUndefined();
  });

  it('open the sign-in a catalog row names from the host, with the name and placeholder typed (MiniMax CN)', async () => {
    const { signIns, opened, grants } = recordingSignIns();
    const provider = createProvider('minimax-cn', {
      credential: 'minimax-oauth-cn',
      env: { MINIMAX_OAUTH_REFRESH_TOKEN: 'refresh-0123456789' },
      signIns,
    });
    expect(provider.signIn).toBe('minimax-oauth sign-in');
    expect(opened).toEqual([
      { id: 'minimax-oauth', request: expect.objectContaining({ name: 'minimax-cn', typedKey: 'minimax-oauth-cn' }) },
    ]);
    expect(grants).toEqual([]);
  });

  it('hand the ChatGPT sign-in the host keeps to the Codex adapter, and fall back to a pasted token without one', async () => {
    const { signIns, grants } = recordingSignIns();
    await createProvider('openai-codex', { env: {}, signIns }).warmup();
    expect(grants).toEqual(['codex']);
    await expect(createProvider('openai-codex', { env: {} }).warmup()).rejects.toThrow(/not signed in/);
  });

  it('without the Gemini CLI sign-in from the host, a key-less Gemini says which credentials would work', async () => {
    const provider = createProvider('gemini', { env: {} });
    await expect(provider.chat({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(
      /Gemini credentials not found[\s\S]*gemini/,
    );
  });

  it('name the credential a key-less profile falls back to: AWS keys or file, the Gemini CLI file', () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-families-'));
    const bedrock = resolveProviderKey('bedrock').entry;
    const gemini = resolveProviderKey('gemini').entry;
    expect(otherCredential(bedrock, { HOME: home }, {})).toBeUndefined();
    expect(otherCredential(bedrock, { HOME: home, AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 'secret' }, {})).toBe(
      'AWS keys from AWS_ACCESS_KEY_ID',
    );
    mkdirSync(path.join(home, '.aws'));
    writeFileSync(path.join(home, '.aws', 'credentials'), '[default]\n');
    expect(otherCredential(bedrock, { HOME: home }, {})).toBe('AWS credentials (~/.aws/credentials)');
    expect(otherCredential(gemini, { HOME: home }, {})).toBeUndefined();
    writeFileSync(path.join(home, 'creds.json'), '{}');
    expect(otherCredential(gemini, { HOME: home }, { oauthCredsPath: path.join(home, 'creds.json') })).toBe(
      'Gemini CLI sign-in (~/creds.json)',
    );
    expect(otherCredential(resolveProviderKey('openai').entry, { HOME: home }, {})).toBeUndefined();
  });
});
