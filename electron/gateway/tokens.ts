// Gateway access tokens, one per client ("Claude Code", "scripts"). A token is 32 random bytes shown
// once at creation; the config keeps only its SHA-256 (a random 256-bit token needs no slow hash:
// there is nothing to guess). Checks compare digests in constant time against every stored token.
import { hash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { HostContext } from '../host/context';
import type { GatewayToken } from '../config/schema';
import { AppError } from '../errors';

/** "sk-" makes the redactor's token pattern scrub a gateway token wherever one might be echoed. */
export const TOKEN_PREFIX = 'sk-sy-';

export type TokenView = Omit<GatewayToken, 'hash'>;

export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

export function tokenHint(token: string): string {
  return `${TOKEN_PREFIX}…${token.slice(-4)}`;
}

/**
 * The stored token whose hash matches, if any. Every stored hash is compared, in constant time and
 * without stopping at a match, so neither the position of a match nor a common prefix shows in the
 * timing.
 */
export function findToken(tokens: readonly GatewayToken[], presented: string | undefined): GatewayToken | undefined {
  if (!presented) return undefined;
  // The one-shot hash: no Hash object per request.
  const digest = hash('sha256', presented, 'buffer');
  let found: GatewayToken | undefined;
  for (const token of tokens) {
    const stored = storedDigest(token);
    if (stored.length === digest.length && timingSafeEqual(stored, digest) && !found) found = token;
  }
  return found;
}

/** Stored hashes decoded once per token record (the gateway's config snapshot keeps its records). */
const digests = new WeakMap<GatewayToken, Buffer>();

function storedDigest(token: GatewayToken): Buffer {
  let digest = digests.get(token);
  if (!digest) digests.set(token, (digest = Buffer.from(token.hash, 'hex')));
  return digest;
}

/** The token a client presented: `Authorization: Bearer …` (OpenAI SDKs, ANTHROPIC_AUTH_TOKEN) or `x-api-key` (Anthropic SDK). */
export function presentedToken(headers: { authorization?: string; 'x-api-key'?: string | string[] }): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  const apiKey = headers['x-api-key'];
  return bearer ?? (typeof apiKey === 'string' && apiKey.trim() ? apiKey.trim() : undefined);
}

export function viewOf({ hash: _hash, ...view }: GatewayToken): TokenView {
  return view;
}

export async function listTokens(ctx: HostContext): Promise<TokenView[]> {
  return (await ctx.config.read()).gateway.tokens.map(viewOf);
}

/** Creates a token; the returned `token` is the only time its value exists outside the client. */
export async function createToken(ctx: HostContext, name: string): Promise<TokenView & { token: string }> {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError('invalid_input', 'Give the token a name, such as the client that will use it ("Claude Code").');
  if (trimmed.length > 80) throw new AppError('invalid_input', 'A token name has at most 80 characters.');
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const record: GatewayToken = { id: randomUUID(), name: trimmed, hash: hashToken(token), hint: tokenHint(token), createdAt: Date.now() };
  await ctx.config.update((config) => {
    if (config.gateway.tokens.some((t) => t.name.toLowerCase() === trimmed.toLowerCase())) {
      throw new AppError('invalid_input', `A token named "${trimmed}" already exists; revoke it first or pick another name.`);
    }
    config.gateway.tokens.push(record);
  });
  return { ...viewOf(record), token };
}

/** Revokes by id or by name; requests with the token are refused from the next one on. */
export async function revokeToken(ctx: HostContext, idOrName: string): Promise<TokenView> {
  let revoked: GatewayToken | undefined;
  await ctx.config.update((config) => {
    const tokens = config.gateway.tokens;
    revoked = tokens.find((t) => t.id === idOrName) ?? tokens.find((t) => t.name.toLowerCase() === idOrName.trim().toLowerCase());
    if (!revoked)
      throw new AppError('unknown_token', `There is no gateway token "${idOrName}". \`switchyard gateway token list\` shows them.`);
    config.gateway.tokens = tokens.filter((t) => t.id !== revoked!.id);
  });
  return viewOf(revoked!);
}
