import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import CancelIcon from '@material-ui/icons/Cancel';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  PLAN_STATUS_LABELS,
  PLAN_STATUSES,
  PlanListFilters,
  PlanStatus,
  ROLLUP_DIMENSION_LABELS,
  ROLLUP_FILTER_KINDS,
} from '@dataplan/plugin-data-plan-common';
import { ownerLabel, refLabel } from './ownerLabel';
import { FILTER_TOGGLES } from './planListView';
import { SearchField } from './SearchField';

/** The filter controls of the governance page; every change goes to `onChange`. */
export function FiltersBar(props: {
  filters: PlanListFilters;
  /** Owners to offer; the selected ones are always offered too. */
  ownerOptions: string[];
  onChange: (
    change: Partial<PlanListFilters>,
    options?: { replace?: boolean },
  ) => void;
  onClear: () => void;
  canClear: boolean;
}) {
  const { filters, ownerOptions, onChange, onClear, canClear } = props;
  const selectedOwners = filters.owner ?? [];
  const owners = Array.from(new Set([...ownerOptions, ...selectedOwners]));

  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} md={4}>
        <SearchField
          label="Search projects"
          value={filters.text ?? ''}
          onChange={text =>
            onChange(
              { text: text.trim() ? text : undefined },
              { replace: true },
            )
          }
        />
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <Autocomplete
          multiple
          size="small"
          options={owners}
          value={selectedOwners}
          getOptionLabel={(owner: string) => ownerLabel(owner)}
          onChange={(_event, value) =>
            onChange({ owner: value.length ? value : undefined })
          }
          renderInput={params => (
            <TextField {...params} variant="outlined" label="Owner" />
          )}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <Autocomplete
          multiple
          size="small"
          options={[...PLAN_STATUSES]}
          value={filters.status ?? []}
          getOptionLabel={(status: PlanStatus) => PLAN_STATUS_LABELS[status]}
          onChange={(_event, value) =>
            onChange({ status: value.length ? value : undefined })
          }
          renderInput={params => (
            <TextField {...params} variant="outlined" label="Status" />
          )}
        />
      </Grid>
      {FILTER_TOGGLES.map(toggle => (
        <Grid item key={toggle.label}>
          <FormControlLabel
            control={
              <Checkbox
                checked={toggle.isOn(filters)}
                onChange={event =>
                  onChange(toggle.change(event.target.checked))
                }
              />
            }
            label={toggle.label}
          />
        </Grid>
      ))}
      {(['system', 'group'] as const).map(dimension => {
        const ref = filters[dimension];
        if (!ref) return null;
        const label = refLabel(ref, ROLLUP_FILTER_KINDS[dimension]);
        const name = ROLLUP_DIMENSION_LABELS[dimension];
        return (
          <Grid item key={dimension}>
            {/* Set from the roll-up; the group filter takes in the groups under it. */}
            <Chip
              label={`${name}: ${label}`}
              title={ref}
              onDelete={() => onChange({ [dimension]: undefined })}
              deleteIcon={
                <CancelIcon
                  role="button"
                  aria-label={`Remove the ${name.toLocaleLowerCase(
                    'en-US',
                  )} filter ${label}`}
                  aria-hidden={false}
                />
              }
            />
          </Grid>
        );
      })}
      {FILTER_TOGGLES.map(toggle =>
        toggle.chip && toggle.isOn(filters) ? (
          <Grid item key={`chip-${toggle.param}`}>
            {/* Like the rule's chip: the whole chip removes it, by click or Delete. */}
            <Chip
              label={toggle.chip}
              aria-label={`${toggle.chip}, remove this filter`}
              onClick={() => onChange(toggle.change(false))}
              onDelete={() => onChange(toggle.change(false))}
            />
          </Grid>
        ) : null,
      )}
      {filters.rule && (
        <Grid item>
          {/* Set from the top findings; the whole chip removes it, by click or Delete. */}
          <Chip
            label={`Rule: ${filters.rule}`}
            aria-label={`Rule: ${filters.rule}, remove this filter`}
            onClick={() => onChange({ rule: undefined })}
            onDelete={() => onChange({ rule: undefined })}
          />
        </Grid>
      )}
      <Grid item>
        <Button variant="outlined" onClick={onClear} disabled={!canClear}>
          Clear filters
        </Button>
      </Grid>
    </Grid>
  );
}
