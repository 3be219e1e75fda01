import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths';
import {
  setWorkspacePlanStatus,
  withPlanStatus,
  workspaceProjectDir,
} from './workspaceProject';

const plan = [
  '## Metadata',
  '| Field | Value |',
  '|-------|-------|',
  '| **Status** | `DRAFT` |',
  '',
  'A draft is reviewed before it is approved: `DRAFT`.',
].join('\n');

describe('workspace projects', () => {
  it('lives under the workspace folder of app-config.yaml', () => {
    expect(workspaceProjectDir('e2e-x')).toBe(
      join(repoRoot, '.dataplan/workspace/e2e-x'),
    );
  });

  it('changes only the Status row of a plan', () => {
    expect(withPlanStatus(plan, 'DRAFT', 'REVIEW')).toBe(
      plan.replace('| **Status** | `DRAFT` |', '| **Status** | `REVIEW` |'),
    );
  });

  it('refuses a plan whose Status row says something else', () => {
    expect(() => withPlanStatus(plan, 'REVIEW', 'APPROVED')).toThrow(
      'the plan has no Status row saying REVIEW',
    );
  });

  it('edits PLAN.md in the project folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'e2e-plan-'));
    try {
      writeFileSync(join(dir, 'PLAN.md'), plan);
      setWorkspacePlanStatus(dir, 'DRAFT', 'REVIEW');
      expect(readFileSync(join(dir, 'PLAN.md'), 'utf8')).toContain(
        '| **Status** | `REVIEW` |',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
