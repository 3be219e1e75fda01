/*
 * Waivers applied to a plan's findings: a waived finding stays listed, marked with its
 * waiver, and counts for nothing; a waiver that has expired, breaks the policy or matches
 * nothing is a finding itself. Matching is by content key through maps: linear in the
 * findings and the waivers.
 */
import { isRepositoryCheckRule } from '../repository/repositoryRules';
import { applySeverity } from './applySeverity';
import { dayNumber, isoDate } from './calendarDays';
import { countBySeverity } from './countBySeverity';
import type { PlanEvaluation } from './evaluatePlan';
import {
  contentKey,
  fieldKey,
  findingKey,
  occurrenceKeys,
  waivableKeys,
  waiverKey,
  waiverSubjects,
} from './findingKeys';
import { PlanPolicy } from './policy';
import { FindingWaiver, PlanDiagnostic } from './types';
import { PlanWaiver, WaiverFile, WaiverMatch } from './waiverFile';
import { JudgedWaiver, WaiverListing } from './waiverListing';
import {
  isWaiverRule,
  WAIVER_RULE_SEVERITIES,
  WaiverRule,
} from './waiverRules';

/**
 * How `applyWaivers` judges the waivers.
 *
 * @public
 */
export interface ApplyWaiversOptions {
  /** Its `maxWaiverDays` caps how far from today a waiver may expire; its `severities` apply to the waiver rules. */
  policy?: PlanPolicy;
  /** The day waivers are judged on: a `YYYY-MM-DD` date, or a time (its UTC date). */
  today: string | Date;
  /**
   * Whether the approver (a full entity ref, e.g. `user:default/jane`) may approve this
   * waiver; without it, anyone may.
   */
  isAllowedApprover?: (approvedBy: string, waiver: PlanWaiver) => boolean;
}

const MAX_SHOWN = 80;

function shown(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

function describeMatch(match: WaiverMatch): string {
  if (match.object !== undefined) return `object ${shown(match.object)}`;
  if (match.risk !== undefined) return `risk '${shown(match.risk)}'`;
  if (match.criterion !== undefined) {
    return `criterion '${shown(match.criterion)}'`;
  }
  if (match.file !== undefined) return `file ${shown(match.file)}`;
  return `line ${match.line}`;
}

/**
 * A waiver as messages name it: its place in the file, its rule and what it matches.
 *
 * @public
 */
export function describeWaiver(
  waiver: Pick<PlanWaiver, 'index' | 'rule' | 'match'>,
): string {
  return `Waiver waivers[${waiver.index}] of ${shown(
    waiver.rule,
  )} for ${describeMatch(waiver.match)}`;
}

function todayOf(today: string | Date): { date: string; day: number } {
  const date = typeof today === 'string' ? today : isoDate(today);
  const day = date === undefined ? undefined : dayNumber(date);
  if (date === undefined || day === undefined) {
    throw new TypeError(`today must be a date YYYY-MM-DD, not ${today}`);
  }
  return { date, day };
}

function isWaiverFile(
  waivers: readonly PlanWaiver[] | WaiverFile,
): waivers is WaiverFile {
  return !Array.isArray(waivers);
}

interface Active {
  waiver: PlanWaiver;
  mark: FindingWaiver;
  used: boolean;
  /** The keys of the findings it waives, as `mark` finds them. */
  waives: string[];
}

/** The waivers' findings and the maps of those that apply, by finding key and by rule and line. */
function judge(
  file: WaiverFile,
  options: ApplyWaiversOptions,
): {
  findings: PlanDiagnostic[];
  byKey: Map<string, Active>;
  byLine: Map<string, Active>;
  active: Active[];
  judged: JudgedWaiver[];
} {
  const today = todayOf(options.today);
  const maxDays = options.policy?.maxWaiverDays;
  const findings: PlanDiagnostic[] = [];
  const unique = occurrenceKeys();
  const report = (rule: WaiverRule, message: string, subject: string) => {
    findings.push({
      key: unique(findingKey(rule, subject)),
      severity: WAIVER_RULE_SEVERITIES[rule],
      rule,
      message,
    });
  };
  for (const problem of file.problems) {
    const where = problem.field === '' ? 'The waiver file' : problem.field;
    report(
      'waiver-invalid',
      `${where} ${problem.reason}; the waiver file's entry waives nothing`,
      fieldKey('waiver file', problem.field),
    );
  }

  const byKey = new Map<string, Active>();
  const byLine = new Map<string, Active>();
  const taken = new Map<string, PlanWaiver>();
  const active: Active[] = [];
  const judged: JudgedWaiver[] = [];
  for (const waiver of file.waivers) {
    const subject = waiverKey(waiver);
    const reasons: string[] = [];
    if (!waiver.reason) reasons.push('it has no reason');
    if (!waiver.approvedBy) {
      reasons.push('it has no approvedBy');
    } else if (
      options.isAllowedApprover &&
      !options.isAllowedApprover(waiver.approvedBy, waiver)
    ) {
      reasons.push(`${shown(waiver.approvedBy)} may not approve it`);
    }
    const expires = dayNumber(waiver.expires);
    if (expires === undefined) {
      reasons.push(
        `its expiry ${shown(waiver.expires)} is not a date YYYY-MM-DD`,
      );
    } else if (maxDays !== undefined && expires - today.day > maxDays) {
      reasons.push(
        `it expires ${waiver.expires}, ${expires - today.day} days from ${
          today.date
        }, more than the policy's ${maxDays} (maxWaiverDays)`,
      );
    }
    const earlier = taken.get(subject);
    if (earlier) {
      reasons.push(`waivers[${earlier.index}] waives the same findings`);
    }
    if (reasons.length > 0) {
      judged.push({ ...waiver, problems: reasons, waives: [] });
      report(
        'waiver-invalid',
        `${describeWaiver(waiver)} waives nothing: ${reasons.join('; ')}`,
        subject,
      );
      continue;
    }
    taken.set(subject, waiver);
    const waives: string[] = [];
    judged.push({ ...waiver, waives });
    if (expires! < today.day) {
      report(
        'waiver-expired',
        `${describeWaiver(waiver)} expired on ${
          waiver.expires
        } and waives nothing`,
        subject,
      );
      continue;
    }
    const entry: Active = {
      waiver,
      mark: {
        reason: waiver.reason!,
        approvedBy: waiver.approvedBy!,
        expires: waiver.expires,
      },
      used: false,
      waives,
    };
    active.push(entry);
    if (waiver.match.line !== undefined) {
      byLine.set(contentKey(waiver.rule, String(waiver.match.line)), entry);
    } else {
      for (const about of waiverSubjects(waiver.match)) {
        byKey.set(findingKey(waiver.rule, about), entry);
      }
    }
  }
  return { findings, byKey, byLine, active, judged };
}

/** The waiver of a finding, by its content key first, then by its rule and line. */
function waiverOf(
  finding: PlanDiagnostic,
  byKey: ReadonlyMap<string, Active>,
  byLine: ReadonlyMap<string, Active>,
): Active | undefined {
  if (byKey.size > 0 && finding.key !== undefined) {
    for (const key of waivableKeys(finding.key)) {
      const entry = byKey.get(key);
      if (entry && entry.waiver.rule === finding.rule) return entry;
    }
  }
  if (
    byLine.size > 0 &&
    finding.line !== undefined &&
    !hasEntitySubject(finding.key)
  ) {
    return byLine.get(contentKey(finding.rule, String(finding.line)));
  }
  return undefined;
}

/** Subjects a waiver names by content: a line never stands for one of them. */
const ENTITY_SUBJECTS = new Set([
  'object',
  'risk',
  'criterion',
  'file',
  'directory',
]);

/** Whether a finding is about an object, a risk or a criterion, by its key. */
function hasEntitySubject(key: string | undefined): boolean {
  if (key === undefined) return false;
  const start = key.indexOf(':') + 1;
  if (start === 0) return false;
  const end = key.indexOf(':', start);
  return ENTITY_SUBJECTS.has(key.slice(start, end < 0 ? undefined : end));
}

/** The list without waiver findings and marks of an earlier application, then marked anew. */
function mark(
  list: readonly PlanDiagnostic[],
  byKey: ReadonlyMap<string, Active>,
  byLine: ReadonlyMap<string, Active>,
): PlanDiagnostic[] {
  const result: PlanDiagnostic[] = [];
  for (const item of list) {
    if (isWaiverRule(item.rule)) continue;
    const { waiver: _, ...finding } = item;
    const entry = waiverOf(finding, byKey, byLine);
    if (entry) {
      entry.used = true;
      entry.waives.push(finding.key);
      result.push({ ...finding, waiver: entry.mark });
    } else {
      result.push(item.waiver === undefined ? item : finding);
    }
  }
  return result;
}

/**
 * Applies a project's waivers (as {@link parseWaiverFile} reads them, or its list of
 * waivers) to an evaluation, or to a list of findings.
 *
 * A waiver waives the findings of its rule about the object, risk or criterion it names,
 * matched by content key (an object as its qualified name compares; a finding about one
 * of an object's dependencies, or a risk's cell, is about that object or risk), so that
 * rows inserted above leave it in place; a waiver of a line waives the findings of its
 * rule on that line. A waived finding stays in the list with its `waiver` and counts in
 * no severity: the evaluation's `summary.counts` are counted again.
 *
 * A waiver is itself a finding, and waives nothing, when it has expired (`expires`
 * before today: `waiver-expired`), when it has no reason or approver, its approver is
 * refused, it expires more than the policy's `maxWaiverDays` from today, it repeats an
 * earlier waiver, or its entry could not be read (`waiver-invalid`). One that matches no
 * finding is `waiver-unused`. These go through the policy's severities, and their keys
 * are the rule and the waiver's rule and match. Waiver findings and marks already in the
 * input are replaced, so applying waivers again gives the same result. The evaluation's
 * `waivers` lists every waiver as judged (a {@link WaiverListing}).
 *
 * @public
 */
export function applyWaivers(
  evaluation: PlanEvaluation,
  waivers: readonly PlanWaiver[] | WaiverFile,
  options: ApplyWaiversOptions,
): PlanEvaluation;
/**
 * The same over a list of findings: the list with the waived ones marked and the waiver
 * findings added.
 *
 * @public
 */
export function applyWaivers(
  findings: readonly PlanDiagnostic[],
  waivers: readonly PlanWaiver[] | WaiverFile,
  options: ApplyWaiversOptions,
): PlanDiagnostic[];
export function applyWaivers(
  target: PlanEvaluation | readonly PlanDiagnostic[],
  waivers: readonly PlanWaiver[] | WaiverFile,
  options: ApplyWaiversOptions,
): PlanEvaluation | PlanDiagnostic[] {
  const file: WaiverFile = isWaiverFile(waivers)
    ? waivers
    : { waivers: [...waivers], problems: [] };
  const judged = judge(file, options);
  const { byKey, byLine } = judged;

  const lists = Array.isArray(target)
    ? { findings: target as readonly PlanDiagnostic[] }
    : {
        diagnostics: (target as PlanEvaluation).diagnostics,
        findings: (target as PlanEvaluation).findings,
      };
  const diagnostics =
    lists.diagnostics && mark(lists.diagnostics, byKey, byLine);
  const findings = mark(lists.findings, byKey, byLine);

  const own = judged.findings;
  // Without a repository report, the repository checks have not spoken (not yet checked,
  // checks off, a lint or a backfilled commit): their waivers are not known to be unused.
  const unchecked =
    !Array.isArray(target) && !(target as PlanEvaluation).repository;
  for (const entry of judged.active) {
    if (entry.used) continue;
    if (unchecked && isRepositoryCheckRule(entry.waiver.rule)) continue;
    own.push({
      key: findingKey('waiver-unused', waiverKey(entry.waiver)),
      severity: WAIVER_RULE_SEVERITIES['waiver-unused'],
      rule: 'waiver-unused',
      message: `${describeWaiver(entry.waiver)} matches no finding`,
    });
  }
  const all = [...findings, ...applySeverity(own, options.policy?.severities)];

  if (Array.isArray(target)) return all;
  const evaluation = target as PlanEvaluation;
  // A finding may be listed among the diagnostics and the findings: its key once.
  const listing: WaiverListing = {
    waivers: judged.judged.map(w => ({ ...w, waives: [...new Set(w.waives)] })),
    problems: file.problems,
    ...(file.commitsUnknown ? { commitsUnknown: file.commitsUnknown } : {}),
  };
  return {
    ...evaluation,
    diagnostics: diagnostics!,
    findings: all,
    waivers: listing,
    summary: {
      ...evaluation.summary,
      counts: countBySeverity(diagnostics!, all),
    },
  };
}
