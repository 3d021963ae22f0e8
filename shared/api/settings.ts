// Settings, and export/import of the whole configuration (no secrets in either).
import { z } from 'zod';
import { method } from '../contract';
import { BaseUrl, EndpointChange } from './profiles';

export const SettingsShape = z.object({
  theme: z.enum(['system', 'light', 'dark']),
  proxyUrl: BaseUrl.optional(),
  noProxy: z.string().max(4096).optional(),
  allowInMemoryKeys: z.boolean(),
  prices: z.record(z.string(), z.object({ inputPerMTok: z.number().min(0), outputPerMTok: z.number().min(0) })),
});
export type SettingsShape = z.infer<typeof SettingsShape>;

export const settingsMethods = {
  'settings.get': method({
    summary: 'Settings, where data lives, and whether a damaged config file was moved aside.',
    input: z.object({}).strict(),
    result: z.object({
      settings: SettingsShape,
      dataDir: z.string(),
      configFile: z.string(),
      recovery: z.object({ movedTo: z.string(), reason: z.string() }).optional(),
    }),
  }),
  'settings.update': method({ summary: 'Changes settings.', input: SettingsShape.partial().strict(), result: SettingsShape }),
  'config.export': method({
    summary: 'The configuration as a JSON file with no secrets.',
    input: z.object({}).strict(),
    result: z.object({ filename: z.string(), content: z.string() }),
  }),
  'config.import': method({
    summary: 'Imports an exported configuration; every problem is reported at once and nothing changes unless all is well.',
    input: z.object({ content: z.string().max(20_000_000) }).strict(),
    result: z.object({
      profiles: z.number(),
      chains: z.number(),
      routes: z.number(),
      needKeys: z.array(z.string()),
      /** Profiles whose provider, endpoint or proxy the file changed: their keys are on hold until confirmed. */
      endpointChanges: z.array(z.object({ profileId: z.string(), profile: z.string(), changes: z.array(EndpointChange) })),
    }),
  }),
};

export const settingsEvents = {};
