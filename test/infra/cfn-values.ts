/**
 * Renders a CloudFormation value as one readable string so tests can compare ARNs exactly:
 * `{Ref: X}` → `<X>`, `Fn::GetAtt` → `<Id.Attr>`, cross-stack outputs → `<output:Name>`,
 * and `Fn::Join` concatenated (the notation cdk-nag uses in finding ids).
 */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flatten).join(',');
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') return `<${v.Ref}>`;
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
    const output = v['Fn::GetStackOutput'] ?? v['Fn::ImportValue'];
    if (output !== undefined) {
      const name = (output as { OutputName?: unknown }).OutputName ?? output;
      return `<output:${flatten(name)}>`;
    }
    const join = v['Fn::Join'];
    if (Array.isArray(join)) {
      const [delimiter, parts] = join as [string, unknown[]];
      return parts.map(flatten).join(delimiter);
    }
  }
  throw new Error(`cannot flatten ${JSON.stringify(value)}`);
}
