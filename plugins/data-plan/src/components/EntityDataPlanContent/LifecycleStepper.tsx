import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import {
  PLAN_STATUS_LABELS,
  PLAN_STATUSES,
  PlanStatus,
} from '@dataplan/plugin-data-plan-common';

/**
 * The plan lifecycle DRAFT → … → COMPLETE with the plan's status marked: earlier steps say
 * "Done", the current one "Current step" and carries `aria-current="step"`.
 */
export function LifecycleStepper(props: { status?: PlanStatus }) {
  const current = props.status ? PLAN_STATUSES.indexOf(props.status) : -1;
  return (
    // alternativeLabel puts the connectors inside the steps, so the list holds only items.
    <Stepper
      activeStep={current}
      alternativeLabel
      role="list"
      aria-label="Plan lifecycle"
    >
      {PLAN_STATUSES.map((status, index) => {
        let caption: string | undefined;
        if (index === current) caption = 'Current step';
        else if (index < current) caption = 'Done';
        return (
          <Step
            key={status}
            role="listitem"
            completed={index < current}
            aria-current={index === current ? 'step' : undefined}
          >
            <StepLabel
              optional={
                caption && (
                  <Typography variant="caption" component="span">
                    {caption}
                  </Typography>
                )
              }
            >
              {PLAN_STATUS_LABELS[status]}
            </StepLabel>
          </Step>
        );
      })}
    </Stepper>
  );
}
