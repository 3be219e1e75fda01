import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  DEFAULT_WAIVERS_PATH,
  JudgedWaiver,
  LinkedDiagnostic,
  WAIVER_STATE_LABELS,
  WAIVER_STATES,
  WaiverCommit,
  WaiverListing,
  WaiverMatch,
  waiverState,
} from '@dataplan/plugin-data-plan-common';
import { PlanSection } from './PlanSection';
import { PlanTable } from './PlanTable';
import { ApprovedByNote, ApproverLink } from './waiverParts';

function matchText(match: WaiverMatch): string {
  if (match.object !== undefined) return `object ${match.object}`;
  if (match.risk !== undefined) return `risk “${match.risk}”`;
  if (match.criterion !== undefined) return `criterion “${match.criterion}”`;
  if (match.file !== undefined) return `file ${match.file}`;
  return `line ${match.line}`;
}

function CommitCell(props: { commit?: WaiverCommit }) {
  const { commit } = props;
  if (!commit) return <>not known</>;
  return (
    <>
      <code title={commit.sha}>{commit.sha.slice(0, 7)}</code> by{' '}
      {commit.author}, {commit.committedAt.slice(0, 10)}
    </>
  );
}

/** What a waiver waives (its findings' messages), or why it waives nothing. */
function EffectCell(props: {
  waiver: JudgedWaiver;
  messages: ReadonlyMap<string, string>;
}) {
  const { waiver, messages } = props;
  const lines = waiver.problems?.length
    ? waiver.problems
    : waiver.waives.map(key => messages.get(key) ?? key);
  if (lines.length === 0) return <>nothing</>;
  return (
    <>
      {lines.map(line => (
        <div key={line}>{line}</div>
      ))}
    </>
  );
}

/**
 * "Waivers": every waiver of the project's waiver file by its state on `today` (active,
 * expiring, expired, invalid), with what it matches, its reason, approver, expiry, the
 * commit that added it, and the findings it waives or why it waives nothing.
 */
export function WaiversSection(props: {
  waivers?: WaiverListing;
  diagnostics: LinkedDiagnostic[];
  today?: Date;
}) {
  const { waivers, diagnostics } = props;
  const today = props.today ?? new Date();
  if (
    !waivers ||
    (waivers.waivers.length === 0 && waivers.problems.length === 0)
  ) {
    return (
      <PlanSection title="Waivers">
        <Typography variant="body2">
          No waivers: the project&apos;s waiver file (
          <code>{DEFAULT_WAIVERS_PATH}</code> beside the plan, unless an
          annotation names another) lists none.
        </Typography>
      </PlanSection>
    );
  }
  const messages = new Map(diagnostics.map(d => [d.key, d.message]));
  const byState = WAIVER_STATES.map(state => ({
    state,
    list: waivers.waivers.filter(w => waiverState(w, today) === state),
  }));
  return (
    <PlanSection title="Waivers">
      <Typography variant="body2" color="textSecondary" paragraph>
        {WAIVER_STATES.map(state => WAIVER_STATE_LABELS[state])
          .map(({ label, description }) => `${label}: ${description}`)
          .join(' ')}{' '}
        <ApprovedByNote />
      </Typography>
      {waivers.commitsUnknown && (
        <Typography variant="body2" paragraph>
          The commits that added the waivers are not known:{' '}
          {waivers.commitsUnknown}.
        </Typography>
      )}
      {byState.map(({ state, list }) => {
        const problems = state === 'invalid' ? waivers.problems : [];
        if (list.length + problems.length === 0) return null;
        const { label } = WAIVER_STATE_LABELS[state];
        return (
          <div key={state}>
            <Typography variant="subtitle2" component="h3">
              {label} ({list.length + problems.length})
            </Typography>
            {list.length > 0 && (
              <PlanTable
                label={`${label} waivers`}
                columns={[
                  { label: 'Rule', wrap: 'nowrap' },
                  'Matches',
                  { label: 'Reason', wrap: 'words' },
                  'Approved by',
                  { label: 'Expires', wrap: 'nowrap' },
                  { label: 'Added in', wrap: 'words' },
                  {
                    label: state === 'invalid' ? 'Why invalid' : 'Waives',
                    wrap: 'words',
                  },
                ]}
              >
                {list.map(waiver => (
                  <TableRow key={waiver.index}>
                    <TableCell>{waiver.rule}</TableCell>
                    <TableCell>{matchText(waiver.match)}</TableCell>
                    <TableCell>{waiver.reason ?? 'none given'}</TableCell>
                    <TableCell>
                      {waiver.approvedBy ? (
                        <ApproverLink approvedBy={waiver.approvedBy} />
                      ) : (
                        'none given'
                      )}
                    </TableCell>
                    <TableCell>{waiver.expires}</TableCell>
                    <TableCell>
                      <CommitCell commit={waiver.commit} />
                    </TableCell>
                    <TableCell>
                      <EffectCell waiver={waiver} messages={messages} />
                    </TableCell>
                  </TableRow>
                ))}
              </PlanTable>
            )}
            {problems.length > 0 && (
              <ul aria-label="Waiver file entries that cannot be read">
                {problems.map(problem => (
                  <li key={`${problem.field}:${problem.reason}`}>
                    <Typography variant="body2">
                      {problem.field || 'The waiver file'} {problem.reason}
                    </Typography>
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </PlanSection>
  );
}
