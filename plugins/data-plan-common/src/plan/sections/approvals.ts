import { SectionNode } from '../blocks';
import { fieldKey, reviewerKey } from '../findingKeys';
import { findChild, firstTable, ParseContext, readTableRows } from '../context';
import { cleanText, splitKeyValue } from '../text';
import { ExecutionApproval, PlanReviewer, ReviewStatus } from '../types';

const REVIEW_STATUSES: ReviewStatus[] = ['PENDING', 'APPROVED', 'REJECTED'];

function readReviewers(
  ctx: ParseContext,
  node: SectionNode | undefined,
): PlanReviewer[] {
  const table = firstTable(findChild(node, /review/)) ?? firstTable(node);
  if (!table) return [];
  const reviewers: PlanReviewer[] = [];
  const rows = readTableRows(
    ctx,
    table,
    [
      { key: 'name', header: /reviewer|name/ },
      { key: 'role', header: /role/ },
      { key: 'date', header: /date/ },
      { key: 'status', header: /status|decision/ },
      { key: 'comments', header: /comment|note/ },
    ],
    'Plan Review',
  );
  for (const row of rows) {
    const name = ctx.value(row.cells.name, row.line, 'Reviewer');
    if (!name) continue;
    const reviewer: PlanReviewer = { name };
    const role = ctx.value(row.cells.role, row.line, 'Reviewer role');
    if (role) reviewer.role = role;
    const date = ctx.value(row.cells.date, row.line, 'Review date');
    if (date) reviewer.date = date;
    const statusText = ctx.value(row.cells.status, row.line, 'Review status');
    if (statusText) {
      const status = statusText.toUpperCase() as ReviewStatus;
      if (REVIEW_STATUSES.includes(status)) reviewer.status = status;
      else {
        ctx.report(
          'warning',
          'unknown-review-status',
          `Review status '${statusText}' is not PENDING, APPROVED or REJECTED`,
          row.line,
          reviewerKey(name),
        );
      }
    }
    const comments = ctx.value(row.cells.comments, row.line, 'Review comments');
    if (comments) reviewer.comments = comments;
    reviewers.push(reviewer);
  }
  return reviewers;
}

const EXECUTION_FIELDS: Array<[RegExp, keyof ExecutionApproval]> = [
  [/^approved\s+for/, 'approved'],
  [/^approved\s+by/, 'approvedBy'],
  [/^scheduled/, 'scheduledStart'],
  [/^expected|^completion/, 'expectedCompletion'],
  [/^date/, 'date'],
];

function readExecution(
  ctx: ParseContext,
  node: SectionNode | undefined,
): ExecutionApproval {
  const execution: ExecutionApproval = {};
  const section = findChild(node, /execution/);
  for (const block of section?.blocks ?? []) {
    let lines: Array<{ text: string; line: number }> = [];
    if (block.type === 'paragraph') {
      lines = block.text
        .split('\n')
        .map((text, i) => ({ text, line: block.line + i }));
    } else if (block.type === 'list') {
      lines = block.items.map(item => ({ text: item.text, line: item.line }));
    }
    for (const { text, line } of lines) {
      const pair = splitKeyValue(text);
      if (!pair) continue;
      const field = EXECUTION_FIELDS.find(([pattern]) =>
        pattern.test(pair.key),
      )?.[1];
      if (!field) continue;
      const value = ctx.value(
        pair.value,
        line,
        cleanText(text.slice(0, text.indexOf(':'))),
      );
      if (!value) continue;
      if (field === 'approved') {
        if (/^(yes|y|true|approved)$/i.test(value)) execution.approved = true;
        else if (/^(no|n|false|not\s+approved)$/i.test(value))
          execution.approved = false;
        else {
          ctx.report(
            'warning',
            'invalid-approval',
            `Approved for Implementation '${value}' is neither YES nor NO`,
            line,
            fieldKey('Approved for Implementation', value),
          );
        }
      } else {
        execution[field] = value;
      }
    }
  }
  return execution;
}

export function readApprovals(
  ctx: ParseContext,
  node: SectionNode | undefined,
): { reviewers: PlanReviewer[]; execution: ExecutionApproval } {
  return {
    reviewers: readReviewers(ctx, node),
    execution: readExecution(ctx, node),
  };
}
