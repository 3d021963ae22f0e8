// What a provider gets from a sign-in instead of a key. The sign-ins themselves (Codex's PKCE
// login, the refresh of another tool's saved sign-in: Gemini CLI, Qwen Code, MiniMax) live in
// auth/, a layer above this one; the host hands them to the factory as `SignIns`, and a family
// asks for the one it names. So providers/ never imports auth/.

/** A bearer token, with what some sign-ins add: where to send requests (Qwen), the account (Codex). */
export interface Grant {
  token: string;
  baseUrl?: string;
  accountId?: string;
}

/** Where a provider gets its bearer token from when it has a sign-in instead of a key. */
export interface TokenSource {
  /** For the UI and errors: "Qwen Code sign-in (~/.qwen/oauth_creds.json)". */
  readonly label: string;
  /** A token valid now, refreshing first when it has expired. */
  grant(signal?: AbortSignal): Promise<Grant>;
  /**
   * After the API rejected `rejected` (401): a newer token, refreshing if nobody has yet. Absent
   * when the token cannot be replaced (a token pasted by hand): the 401 then stands.
   */
  afterRejection?(rejected: string, signal?: AbortSignal): Promise<Grant>;
}

/** What a family tells the sign-in it opens. */
export interface SignInRequest {
  /** The provider name as given (an alias may pick a region: minimax-cn). */
  name: string;
  /** The key typed into the profile, when it is a sign-in's placeholder ("minimax-oauth-cn"). */
  typedKey?: string;
  /** The profile's adapter options (the Gemini CLI's credentials file). */
  options: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
}

/** The sign-ins a host can open, by id; undefined when it has none of that id. */
export interface SignIns {
  open(id: string, request: SignInRequest): TokenSource | undefined;
}
