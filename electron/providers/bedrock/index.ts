// The Amazon Bedrock family: the Converse API, signed with AWS credentials (SigV4) or sent with a
// Bedrock API key.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { defineFamily } from '../core/family';
import { displayCredsPath } from '../core/home-path';
import { textOption } from '../core/options';
import { BedrockProvider } from './bedrock';
import { credentialsFilePath } from './credentials';

const options = z.object({
  region: textOption({ label: 'AWS region', placeholder: 'AWS_REGION, the AWS config, else us-east-1' }),
  awsProfile: textOption({
    label: 'AWS profile (optional)',
    placeholder: 'AWS_PROFILE, else default',
    help: 'Without a Bedrock API key below, requests are signed with the AWS credentials from the environment or ~/.aws/credentials.',
  }),
});

export const bedrock = defineFamily({
  kinds: ['bedrock'],
  options,
  // AWS_* variables are AWS credentials, not the key: the AWS profile field says where those come from.
  keyField: {
    label: 'Bedrock API key (optional with AWS credentials)',
    readsEnvVar: (name) => !name.startsWith('AWS_'),
    genericEnvKey: false,
  },
  otherCredentials: [
    {
      detect(env) {
        if (env.AWS_ACCESS_KEY_ID?.trim() && env.AWS_SECRET_ACCESS_KEY?.trim()) return 'AWS keys from AWS_ACCESS_KEY_ID';
        const file = credentialsFilePath({ env });
        return existsSync(file) ? `AWS credentials (${displayCredsPath(file, env)})` : undefined;
      },
    },
  ],
  // The catalog's base URL holds a {region} placeholder: only a URL the user typed is passed on.
  create: ({ settings, credential, options }) =>
    new BedrockProvider({
      credential: credential.value,
      baseUrl: settings.baseUrl?.trim() || undefined,
      region: options.region,
      profile: options.awsProfile,
      env: settings.env,
    }),
});
