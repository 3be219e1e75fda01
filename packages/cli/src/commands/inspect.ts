import {
  Criterion,
  ParsedPlan,
  PlanEvaluation,
  PLAN_STATUSES,
  PlanPolicy,
  readPlan,
} from '@dataplan/plugin-data-plan-common';
import { byLine, formatDiagnostic, summaryLine } from '../format';
import { CliIo } from '../io';
import { readPlanFile } from '../readPlanFile';

const MARK: Record<Criterion['result'], string> = {
  pass: '✓',
  fail: '✗',
  pending: '…',
  unknown: '?',
};

function counted(values: Array<string | undefined>): string {
  const counts = new Map<string, number>();
  for (const value of values) {
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return (
    [...counts.entries()].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'
  );
}

function text(
  file: string,
  plan: ParsedPlan,
  evaluation: PlanEvaluation,
  policyScope: string | undefined,
): string {
  const { metadata } = plan;
  const out: string[] = [];
  const field = (label: string, value: string | undefined) =>
    out.push(`${label.padEnd(12)}${value ?? '—'}`);
  out.push(
    `${file}${metadata.projectId ? ` — ${metadata.projectId}` : ''}`,
    '',
  );
  field(
    'Status',
    metadata.status
      ? `${metadata.status}   ${PLAN_STATUSES.map(s =>
          s === metadata.status ? `[${s}]` : s,
        ).join(' → ')}`
      : undefined,
  );
  field(
    'Versions',
    `plan ${metadata.planVersion ?? '—'}, spec ${
      metadata.linkedSpecVersion ?? '—'
    }, research ${metadata.linkedResearchVersion ?? '—'}`,
  );
  const effort = metadata.effort;
  field(
    'Effort',
    effort
      ? [
          effort.storyPoints !== undefined &&
            `${effort.storyPoints} story points`,
          effort.hours !== undefined && `${effort.hours} hours`,
        ]
          .filter(Boolean)
          .join(' / ')
      : undefined,
  );
  field(
    'Generated',
    [
      metadata.generatedDate,
      metadata.generatedBy && `by ${metadata.generatedBy}`,
    ]
      .filter(Boolean)
      .join(' ') || undefined,
  );
  field('Layers', plan.layers.join(' → ') || undefined);
  if (policyScope !== undefined) field('Policy', policyScope);

  out.push(
    '',
    `Objects (${plan.objects.length}): ${counted(
      plan.objects.map(o => o.layer),
    )}; ${counted(plan.objects.map(o => o.kind))}`,
  );
  evaluation.summary.phases.forEach((phase, i) => {
    out.push(
      `  Phase ${i + 1}  ${phase.title.padEnd(28)} ${String(
        phase.steps,
      ).padStart(3)} steps  ${phase.specified}/${phase.objects} objects placed`,
    );
  });

  const { counts } = evaluation.validation;
  out.push(
    '',
    `Validation: ${counts.pass} pass, ${counts.fail} fail, ${counts.pending} pending, ${counts.unknown} unknown`,
  );
  for (const [section, criteria] of [
    ['technical', evaluation.validation.technical],
    ['business', evaluation.validation.business],
  ] as const) {
    for (const c of criteria) {
      out.push(
        `  ${MARK[c.result]} ${c.criteria.padEnd(26)} ${section.padEnd(
          10,
        )} target ${(c.target ?? '—').padEnd(10)} actual ${(
          c.actual ?? '—'
        ).padEnd(12)} ${c.result}`,
      );
    }
  }

  const { risks } = evaluation;
  out.push(
    '',
    `Risks (${plan.risks.length}): top score ${risks.topScore ?? '—'}, ${
      risks.highRisks
    } high, ${risks.unmitigated.length} high-impact without mitigation`,
  );
  for (const risk of [...plan.risks].sort(
    (a, b) => (b.score ?? 0) - (a.score ?? 0),
  )) {
    out.push(
      `  ${String(risk.score ?? '—').padStart(2)}  ${`${
        risk.probability ?? '?'
      }/${risk.impact ?? '?'}`.padEnd(14)} ${risk.risk}${
        risk.mitigation ? '' : '   (no mitigation)'
      }`,
    );
  }

  const { approval } = evaluation;
  const execution = plan.approvals.execution;
  out.push(
    '',
    `Approvals: ${approval.approved}/${approval.reviewers} reviewers approved${
      approval.rejected ? `, ${approval.rejected} rejected` : ''
    }; execution ${
      approval.executionApproved
        ? `approved${
            execution.approvedBy ? ` by ${execution.approvedBy}` : ''
          }${execution.date ? ` on ${execution.date}` : ''}`
        : 'not approved'
    }`,
  );
  for (const reviewer of plan.approvals.reviewers) {
    out.push(
      `  ${(reviewer.status ?? '—').padEnd(9)} ${reviewer.name}${
        reviewer.role ? ` (${reviewer.role})` : ''
      }${reviewer.date ? `, ${reviewer.date}` : ''}`,
    );
  }

  out.push('', 'Deploy order:');
  evaluation.deployOrder.forEach((entry, i) => {
    out.push(
      `  ${String(i + 1).padStart(3)}. ${entry.name}${
        entry.layer ? `  (${entry.layer} ${entry.kind})` : ''
      }`,
    );
  });

  const all = byLine([...evaluation.diagnostics, ...evaluation.findings]);
  out.push('', `Diagnostics and findings: ${summaryLine(all)}`);
  for (const d of all) out.push(`  ${formatDiagnostic(file, d)}`);
  return `${out.join('\n')}\n`;
}

/** `data-plan inspect FILE`: the parsed and evaluated plan, as text or as the JSON model. */
export async function inspectCommand(
  file: string,
  options: { json?: boolean; policy?: PlanPolicy; policyScope?: string },
  io: CliIo,
): Promise<number> {
  const { plan, evaluation } = readPlan(
    await readPlanFile(file),
    options.policy,
  );
  io.stdout(
    options.json
      ? `${JSON.stringify({ ...plan, evaluation }, null, 2)}\n`
      : text(file, plan, evaluation, options.policyScope),
  );
  return 0;
}
