import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { templatesIn } from '../../scripts/cfn-lint.js';
import { checkTemplates, formatFinding } from '../../scripts/checkov.js';
import { synthStagesForFile } from './synth-stage.js';

const stages = synthStagesForFile({ dev: {}, prod: {} });

describe('checkov', () => {
  // The first run installs the pinned checkov into .local/checkov-venv (a few minutes).
  it('finds nothing unacknowledged in dev and prod, and fails a template stripped of acknowledgements', async () => {
    const templates = [...templatesIn(stages.dev.outdir), ...templatesIn(stages.prod.outdir)];
    // A control in the same run: without its Metadata the data stack fails the acknowledged checks.
    const [dataTemplate] = templates.filter((t) => t.includes('Data-dev'));
    const stripped = path.join(stages.dev.outdir, 'unacknowledged.template.json');
    const template = JSON.parse(readFileSync(String(dataTemplate), 'utf8')) as {
      Resources: Record<string, { Metadata?: Record<string, unknown> }>;
    };
    for (const resource of Object.values(template.Resources)) delete resource.Metadata?.checkov;
    writeFileSync(stripped, JSON.stringify(template));

    const { failed, passed, skipped } = await checkTemplates([...templates, stripped], () => {});

    expect(
      failed.filter((f) => !f.file.endsWith(path.basename(stripped))).map(formatFinding),
    ).toEqual([]);
    expect(passed).toBeGreaterThan(100);
    expect(skipped).toBeGreaterThan(0);
    expect(new Set(failed.map((f) => f.checkId))).toEqual(
      new Set(['CKV_AWS_119', 'CKV_AWS_28', 'CKV_AWS_158', 'CKV_AWS_317']),
    );
  }, 600_000);
});
