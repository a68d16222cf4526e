import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintTemplates, templatesIn } from '../../scripts/cfn-lint.js';
import { type SynthesizedStage, synthStage } from './synth-stage.js';

let dev: SynthesizedStage;
let prod: SynthesizedStage;

beforeAll(() => {
  dev = synthStage('dev');
  prod = synthStage('prod');
});
afterAll(() => {
  dev?.dispose();
  prod?.dispose();
});

// The first run installs the pinned cfn-lint into .local/cfn-lint-venv (a minute or so).
const installTimeout = 240_000;

describe('cfn-lint', () => {
  it(
    'passes every synthesized template of dev and prod',
    () => {
      const templates = [...templatesIn(dev.outdir), ...templatesIn(prod.outdir)];

      expect(templates.map((t) => path.basename(t)).sort()).toEqual([
        'Type1CureData-dev.template.json',
        'Type1CureData-prod.template.json',
        'Type1CureSearch-dev.template.json',
        'Type1CureSearch-prod.template.json',
      ]);
      expect(lintTemplates(templates)).toEqual({ ok: true, output: '' });
    },
    installTimeout,
  );

  it(
    'fails a template it should fail (a deprecated Lambda runtime)',
    () => {
      const [template] = templatesIn(dev.outdir).filter((t) => t.includes('Search'));
      const broken = path.join(dev.outdir, 'broken.template.json');
      writeFileSync(
        broken,
        readFileSync(String(template), 'utf8').replaceAll('nodejs24.x', 'nodejs20.x'),
      );

      const result = lintTemplates([broken]);

      expect(result.ok).toBe(false);
      expect(result.output).toContain('W2531');
    },
    installTimeout,
  );
});
