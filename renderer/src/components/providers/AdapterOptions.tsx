// Fields only some adapters have: Azure's deployment and API version, Bedrock's region and AWS
// profile. Values are strings in the profile's options.

interface Props {
  adapter: string;
  options: Record<string, string>;
  onChange(options: Record<string, string>): void;
}

export function AdapterOptions({ adapter, options, onChange }: Props) {
  if (adapter === 'azure-openai') {
    return (
      <div className="form-row">
        <label className="field">
          <span className="field__label">Deployment (optional)</span>
          <input className="input" value={options.deployment ?? ''} placeholder="empty: the model name picks the deployment" onChange={(e) => onChange({ ...options, deployment: e.target.value })} />
        </label>
        <label className="field">
          <span className="field__label">API version</span>
          <input className="input" value={options.apiVersion ?? ''} placeholder="2024-08-01-preview" onChange={(e) => onChange({ ...options, apiVersion: e.target.value })} />
        </label>
        <label className="field">
          <span className="field__label">Credential</span>
          <select className="select" value={options.auth ?? 'api-key'} onChange={(e) => onChange({ ...options, auth: e.target.value })}>
            <option value="api-key">API key (api-key header)</option>
            <option value="bearer">Entra ID token (Bearer)</option>
          </select>
        </label>
      </div>
    );
  }
  if (adapter === 'bedrock') {
    return (
      <div className="form-row">
        <label className="field">
          <span className="field__label">AWS region</span>
          <input className="input" value={options.region ?? ''} placeholder="AWS_REGION, the AWS config, else us-east-1" onChange={(e) => onChange({ ...options, region: e.target.value })} data-testid="aws-region" />
        </label>
        <label className="field">
          <span className="field__label">AWS profile (optional)</span>
          <input className="input" value={options.awsProfile ?? ''} placeholder="AWS_PROFILE, else default" onChange={(e) => onChange({ ...options, awsProfile: e.target.value })} />
          <span className="field__hint">Without a Bedrock API key below, requests are signed with the AWS credentials from the environment or ~/.aws/credentials.</span>
        </label>
      </div>
    );
  }
  return null;
}
