// Writes the plan as LiteLLM's config.yaml with comments in place, through the `yaml` package's
// Document API (js-yaml cannot write comments). LiteLLM reads the file with PyYAML, a YAML 1.1
// parser, so the document is written by YAML 1.1 rules: a chain called "on" or a model called
// "1:30" comes out quoted instead of turning into a boolean or a number.
import { Document, isScalar, isSeq, type Pair, type Scalar, type ScalarTag, type YAMLMap } from 'yaml';
import { plainText } from './names';
import type { ExportPlan } from './plan';

/** A number as PyYAML's YAML 1.1 float: a dot in the mantissa and a signed exponent (6e-7 → 6.0e-7). */
function decimal(value: number): string {
  const [mantissa, exponent] = String(value).split('e') as [string, string | undefined];
  const withDot = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return exponent === undefined ? withDot : `${withDot}e${/^[-+]/.test(exponent) ? exponent : `+${exponent}`}`;
}

// PyYAML reads 6e-7 (a price per token) as the string "6e-7": YAML 1.1 floats need a dot. Every
// fractional or exponent-sized number goes through `decimal`; integers stay as they are.
const pyYamlFloat: ScalarTag = {
  identify: (value) => typeof value === 'number' && Number.isFinite(value) && (!Number.isInteger(value) || String(value).includes('e')),
  default: true,
  tag: 'tag:yaml.org,2002:float',
  test: /^[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?$/,
  resolve: (text) => Number.parseFloat(text.replace(/_/g, '')),
  stringify: ({ value }) => decimal(Number(value)),
};

/** Comment text: one `# line` per entry, never a line break of the user's own. */
function comment(lines: string[]): string | undefined {
  return lines.length > 0 ? lines.map((line) => ` ${plainText(line)}`).join('\n') : undefined;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair | undefined;
}

export interface YamlParts {
  header: string[];
  footer: string[];
}

export function writeLitellmYaml(plan: ExportPlan, parts: YamlParts): string {
  const routerSettings: Record<string, unknown> = { ...plan.routerSettings };
  if (plan.fallbacks.length > 0) routerSettings.fallbacks = plan.fallbacks.map((f) => ({ [f.from]: f.to }));
  if (Object.keys(plan.aliases).length > 0) routerSettings.model_group_alias = plan.aliases;

  const doc = new Document(
    {
      model_list: plan.deployments.map((d) => ({ model_name: d.modelName, litellm_params: d.params })),
      router_settings: routerSettings,
      general_settings: { master_key: 'os.environ/LITELLM_MASTER_KEY' },
    },
    { version: '1.1', customTags: (tags) => [pyYamlFloat, ...tags] },
  );
  doc.commentBefore = comment(parts.header) ?? null;

  plan.deployments.forEach((deployment, i) => {
    (doc.getIn(['model_list', i], true) as YAMLMap).commentBefore = comment(deployment.comments);
    for (const [key, text] of Object.entries(deployment.inline ?? {}))
      (doc.getIn(['model_list', i, 'litellm_params', key], true) as Scalar).comment = comment([text]);
  });

  const root = doc.contents as YAMLMap;
  const router = doc.get('router_settings') as YAMLMap;
  const aliasPair = pairOf(router, 'model_group_alias');
  (pairOf(root, 'router_settings')!.key as Scalar).commentBefore = comment(
    aliasPair ? plan.routerNotes : [...plan.routerNotes, ...plan.aliasNotes],
  );
  if (aliasPair) (aliasPair.key as Scalar).commentBefore = comment(plan.aliasNotes);
  // After a scalar value on its line; above a block (a comment after the key would push it down).
  for (const [key, text] of Object.entries(plan.routerComments)) {
    const pair = pairOf(router, key);
    if (isScalar(pair?.value)) pair.value.comment = comment([text]);
    else if (pair) (pair.key as Scalar).commentBefore = comment([text]);
  }
  plan.fallbacks.forEach((fallback, i) => {
    const item = doc.getIn(['router_settings', 'fallbacks', i]) as YAMLMap;
    const list = item.items[0]?.value;
    if (isSeq(list)) list.flow = true;
    item.commentBefore = fallback.comment ? comment([fallback.comment]) : undefined;
  });
  (pairOf(root, 'general_settings')!.key as Scalar).commentBefore = comment([
    'Without a master key anyone who can reach the gateway can use every key behind it.',
  ]);
  doc.comment = comment(parts.footer) ?? null;
  return doc.toString({ lineWidth: 0, directives: false });
}
