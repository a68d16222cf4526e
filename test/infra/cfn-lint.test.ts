import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFinding, lintTemplates, templatesIn } from '../../scripts/cfn-lint.js';
import { synthStagesForFile } from './synth-stage.js';

const stages = synthStagesForFile({
  dev: {},
  prod: { siteAssets: { 'widget.js': '// widget' } },
  prodLarge: { stage: 'prod', context: { profile: 'large' } },
});

describe('cfn-lint', () => {
  // The first run installs the pinned cfn-lint into .local/cfn-lint-venv (a minute or so).
  it('passes every synthesized template of dev and both prod profiles, and fails a broken one', async () => {
    const templates = [stages.dev, stages.prod, stages.prodLarge].flatMap((s) =>
      templatesIn(s.outdir),
    );
    // A control in the same run, proving the linter really reads the files it is given.
    const [searchTemplate] = templates.filter((t) => t.includes('Search'));
    const broken = path.join(stages.dev.outdir, 'deprecated-runtime.template.json');
    writeFileSync(
      broken,
      readFileSync(String(searchTemplate), 'utf8').replaceAll('nodejs24.x', 'nodejs20.x'),
    );

    const { findings } = await lintTemplates([...templates, broken], () => {});

    expect(templates.map((t) => path.basename(t)).sort()).toEqual([
      'Type1CureData-dev.template.json',
      'Type1CureData-prod.template.json',
      'Type1CureData-prod.template.json',
      'Type1CureSearch-dev.template.json',
      'Type1CureSearch-prod.template.json',
      'Type1CureSearch-prod.template.json',
    ]);
    expect(findings.filter((f) => f.file !== broken).map(formatFinding)).toEqual([]);
    expect(new Set(findings.filter((f) => f.file === broken).map((f) => f.rule))).toEqual(
      new Set(['W2531']),
    );
  }, 240_000);
});
