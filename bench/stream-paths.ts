// Our own stream paths for bench/stream.bench.ts: the adapter alone, and the whole host path.
export interface StreamPaths {
  adapter?: () => Promise<void>;
  transport?: () => Promise<void>;
  close(): Promise<void>;
}

export async function streamPaths(_baseUrl: string, _chunks: number): Promise<StreamPaths> {
  return { close: async () => undefined };
}
