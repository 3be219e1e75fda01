import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  ParsedPlan,
  PhaseProgress,
  PlanEvaluationWithoutFindings,
  PlanObject,
  PlanPhase,
  PlanStep,
} from '@dataplan/plugin-data-plan-common';
import { OBJECT_DETAIL_COLUMNS, ObjectDetailCells } from './ObjectDetailCells';
import { PlanSection, SectionSubheading } from './PlanSection';
import { PlanCell, PlanTable, RowHeaderCell } from './PlanTable';

/** The names an object depends on: as resolved by the evaluation, else as written. */
function dependencyNames(
  plan: ParsedPlan,
  evaluation: PlanEvaluationWithoutFindings,
  objectIndex: number,
): string[] {
  const resolved = evaluation.dependsOn[objectIndex] ?? [];
  const names = resolved
    .map(index => plan.objects[index]?.name)
    .filter((name): name is string => Boolean(name));
  return names.length ? names : plan.objects[objectIndex].dependencies;
}

/** "Step 2.1: Cleaned orders"; the title may wrap, "Step 2.1:" stays on one line. */
function StepLabel(props: { step: PlanStep }) {
  const { id, title } = props.step;
  if (!id) return <>{title}</>;
  return (
    <>
      <span style={{ whiteSpace: 'nowrap' }}>Step {id}:</span> {title}
    </>
  );
}

function phaseTitle(phase: PlanPhase): string {
  return phase.number !== undefined
    ? `Phase ${phase.number}: ${phase.title}`
    : phase.title;
}

function PhaseProgressBar(props: { title: string; progress?: PhaseProgress }) {
  const { title, progress } = props;
  if (!progress || progress.objects === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No objects in this phase
      </Typography>
    );
  }
  const text = `${progress.specified} of ${progress.objects} objects specified`;
  return (
    <Box display="flex" alignItems="center" mb={1}>
      <Box flexGrow={1} maxWidth={320} mr={2}>
        <LinearProgress
          variant="determinate"
          value={(100 * progress.specified) / progress.objects}
          aria-label={`${title}: objects specified`}
          aria-valuetext={text}
        />
      </Box>
      <Typography variant="body2">{text}</Typography>
    </Box>
  );
}

interface StepObject {
  object: PlanObject;
  dependencies: string[];
}

function StepRows(props: { step: PlanStep; objects: StepObject[] }) {
  const { step, objects } = props;
  const stepCell = (
    <RowHeaderCell rowSpan={objects.length || 1} wrap="words">
      <StepLabel step={step} />
    </RowHeaderCell>
  );
  if (objects.length === 0) {
    return (
      <TableRow>
        {stepCell}
        <PlanCell colSpan={5} wrap="words">
          <Typography variant="body2" color="textSecondary" component="span">
            No objects in this step
          </Typography>
        </PlanCell>
      </TableRow>
    );
  }
  return (
    <>
      {objects.map(({ object, dependencies }, index) => (
        <TableRow key={`${object.name}-${object.line}`}>
          {index === 0 && stepCell}
          <PlanCell>{object.name}</PlanCell>
          <ObjectDetailCells object={object} />
          <PlanCell>
            {dependencies.length ? dependencies.join(', ') : 'None'}
          </PlanCell>
        </TableRow>
      ))}
    </>
  );
}

function PhaseBlock(props: {
  plan: ParsedPlan;
  evaluation: PlanEvaluationWithoutFindings;
  phaseIndex: number;
}) {
  const { plan, evaluation, phaseIndex } = props;
  const phase = plan.phases[phaseIndex];
  const title = phaseTitle(phase);
  const objectsOf = (stepIndex: number): StepObject[] =>
    plan.objects
      .map((object, index) => ({ object, index }))
      .filter(
        ({ object }) =>
          object.phaseIndex === phaseIndex && object.stepIndex === stepIndex,
      )
      .map(({ object, index }) => ({
        object,
        dependencies: dependencyNames(plan, evaluation, index),
      }));
  return (
    <Box mb={3}>
      <SectionSubheading>{title}</SectionSubheading>
      <PhaseProgressBar
        title={title}
        progress={evaluation.summary.phases[phaseIndex]}
      />
      <PlanTable
        label={`Steps and objects of ${title}`}
        columns={[
          { label: 'Step', wrap: 'words' },
          'Object',
          ...OBJECT_DETAIL_COLUMNS,
          'Dependencies',
        ]}
      >
        {phase.steps.map((step, stepIndex) => (
          <StepRows
            key={`${step.id ?? ''}-${step.line}`}
            step={step}
            objects={objectsOf(stepIndex)}
          />
        ))}
      </PlanTable>
    </Box>
  );
}

/** "Phases and objects": each phase's progress, its steps and the objects they create. */
export function PhasesSection(props: {
  plan: ParsedPlan;
  evaluation: PlanEvaluationWithoutFindings;
}) {
  const { plan, evaluation } = props;
  return (
    <PlanSection title="Phases and objects">
      {plan.phases.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          The plan has no implementation phases yet.
        </Typography>
      ) : (
        plan.phases.map((phase, phaseIndex) => (
          <PhaseBlock
            key={`${phase.title}-${phase.line}`}
            plan={plan}
            evaluation={evaluation}
            phaseIndex={phaseIndex}
          />
        ))
      )}
    </PlanSection>
  );
}
