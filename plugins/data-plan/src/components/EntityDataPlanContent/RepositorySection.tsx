import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  coveragePercent,
  isDriftRule,
  LinkedDiagnostic,
  PlanDetailsResponse,
} from '@dataplan/plugin-data-plan-common';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';
import { DiagnosticsTable } from './DiagnosticsSection';
import { PlanFacts } from './PlanFacts';
import { PlanSection, SectionSubheading } from './PlanSection';
import { PlanCell, PlanTable, RowHeaderCell } from './PlanTable';
import {
  RepositoryStatusLabel,
  repositoryStatus,
} from './RepositoryStatusLabel';

type RepositoryEvaluation = NonNullable<PlanDetailsResponse['repository']>;
type RepositoryObject = RepositoryEvaluation['objects'][number];

/** The section's anchor on the tab, which the entity card links to. */
export const REPOSITORY_SECTION_ID = 'repository';

function percent(ratio: number | null): string {
  const value = coveragePercent(ratio);
  return value === undefined ? 'Nothing to cover' : `${value}%`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A path and whether it exists, in one cell. */
function PathCell(props: { path?: string; exists: boolean; none: string }) {
  const { path, exists, none } = props;
  if (path === undefined) {
    return (
      <PlanCell>
        <RepositoryStatusLabel status="missing">{none}</RepositoryStatusLabel>
      </PlanCell>
    );
  }
  return (
    <PlanCell>
      <code>{path}</code>
      <br />
      <RepositoryStatusLabel status={repositoryStatus(exists)}>
        {exists ? 'Present' : 'Missing'}
      </RepositoryStatusLabel>
    </PlanCell>
  );
}

function backupWords(backup: boolean | null): string {
  if (backup === null) return 'n/a';
  return backup ? 'Taken' : 'Missing';
}

function ObjectRow(props: { object: RepositoryObject }) {
  const { object } = props;
  return (
    <TableRow>
      <RowHeaderCell>{object.name}</RowHeaderCell>
      <PlanCell wrap="nowrap">{object.layer ?? '—'}</PlanCell>
      <PlanCell wrap="nowrap">{object.kind ?? '—'}</PlanCell>
      <PathCell
        path={object.file}
        exists={object.fileExists}
        none="No safe file named"
      />
      <PathCell
        path={object.testPath}
        exists={object.testExists}
        none="No layer to test in"
      />
      <PlanCell wrap="nowrap">
        <RepositoryStatusLabel status={repositoryStatus(object.deployed)}>
          {object.deployed ? 'Deployed' : 'Not deployed'}
        </RepositoryStatusLabel>
      </PlanCell>
      <PlanCell wrap="nowrap">
        <RepositoryStatusLabel status={repositoryStatus(object.rollback)}>
          {object.rollback ? 'Covered' : 'Missing'}
        </RepositoryStatusLabel>
      </PlanCell>
      <PlanCell wrap="nowrap">
        <RepositoryStatusLabel status={repositoryStatus(object.backup)}>
          {backupWords(object.backup)}
        </RepositoryStatusLabel>
      </PlanCell>
    </TableRow>
  );
}

function RepositoryFindings(props: { diagnostics: LinkedDiagnostic[] }) {
  const findings = props.diagnostics.filter(d => isDriftRule(d.rule));
  const live = findings.filter(d => d.waiver === undefined);
  const waived = findings.filter(d => d.waiver !== undefined);
  return (
    <>
      <SectionSubheading>Drift</SectionSubheading>
      <Typography variant="body2" paragraph>
        {live.length === 0
          ? 'No drift: the files hold what the plan says.'
          : `${plural(
              live.length,
              'drift finding',
            )}: the files or their SQL differ from the plan.`}
        {waived.length > 0 && ` ${waived.length} waived.`}
      </Typography>
      {live.length > 0 && (
        <DiagnosticsTable label="Repository findings" diagnostics={live} />
      )}
      {waived.length > 0 && (
        <DiagnosticsTable
          label="Waived repository findings"
          diagnostics={waived}
          waived
        />
      )}
    </>
  );
}

function Figures(props: { repository: RepositoryEvaluation }) {
  const { figures, listing } = props.repository;
  const byLayer = Object.entries(figures.unitTestCoverageByLayer);
  return (
    <>
      <SectionSubheading>Figures</SectionSubheading>
      <PlanFacts
        facts={[
          {
            label: 'Planned files present',
            value: `${figures.filesPresent} of ${figures.filesPlanned}`,
          },
          {
            label: 'Unit test coverage',
            value: percent(figures.unitTestCoverage),
          },
          {
            label: 'Unit test coverage by layer',
            value:
              byLayer.length === 0
                ? 'No layers'
                : byLayer
                    .map(([layer, ratio]) => `${layer} ${percent(ratio)}`)
                    .join(', '),
          },
          { label: 'Deploy coverage', value: percent(figures.deployCoverage) },
          {
            label: 'Rollback coverage',
            value: percent(figures.rollbackCoverage),
          },
          { label: 'Files listed', value: String(listing.paths) },
        ]}
      />
      {listing.truncated && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          The project&apos;s listing was cut short after {listing.paths} files:
          files past it were not looked at, and orphan SQL files are not known.
        </Alert>
      )}
    </>
  );
}

function Orphans(props: { repository: RepositoryEvaluation }) {
  const { orphans, listing } = props.repository;
  return (
    <>
      <SectionSubheading>SQL files no step names</SectionSubheading>
      {orphans.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {listing.truncated
            ? 'Not known: the listing was cut short.'
            : 'None: every SQL file under src/ belongs to a planned object.'}
        </Typography>
      ) : (
        <Typography
          component="ul"
          variant="body2"
          aria-label="Orphan SQL files"
        >
          {orphans.map(path => (
            <li key={path}>
              <code>{path}</code>
            </li>
          ))}
        </Typography>
      )}
    </>
  );
}

/**
 * "Repository": the plan against the project's files as the last repository check found
 * them: its drift findings, each planned object's file, unit test, deploy, rollback and
 * backup, the SQL files no step names, and the coverage figures. Before any check, says
 * when checks run.
 */
export function RepositorySection(props: {
  repository?: RepositoryEvaluation;
  diagnostics: LinkedDiagnostic[];
}) {
  const { repository, diagnostics } = props;
  const ref = useRef<HTMLElement>(null);
  const { hash } = useLocation();
  // The router does not scroll to a fragment; the card's link needs it to.
  useEffect(() => {
    if (hash === `#${REPOSITORY_SECTION_ID}`) ref.current?.scrollIntoView?.();
  }, [hash]);
  return (
    <PlanSection title="Repository" id={REPOSITORY_SECTION_ID} ref={ref}>
      {repository ? (
        <>
          <RepositoryFindings diagnostics={diagnostics} />
          <SectionSubheading>Planned objects</SectionSubheading>
          {repository.objects.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              The plan names no objects.
            </Typography>
          ) : (
            <PlanTable
              label="Repository objects"
              columns={[
                'Object',
                { label: 'Layer', wrap: 'nowrap' },
                { label: 'Kind', wrap: 'nowrap' },
                'File',
                'Unit test',
                { label: 'Deployed', wrap: 'nowrap' },
                { label: 'Rollback', wrap: 'nowrap' },
                { label: 'Backup', wrap: 'nowrap' },
              ]}
            >
              {repository.objects.map(object => (
                <ObjectRow key={object.key} object={object} />
              ))}
            </PlanTable>
          )}
          <Orphans repository={repository} />
          <Figures repository={repository} />
        </>
      ) : (
        <Typography variant="body2" color="textSecondary">
          The project&apos;s files have not been checked against the plan yet.
          Checks run hourly by default, and whenever the plan changes.
        </Typography>
      )}
    </PlanSection>
  );
}
