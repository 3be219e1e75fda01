import { PlanCell, PlanColumn } from './PlanTable';

/** The Layer, Kind and File columns of a table of plan objects. */
export const OBJECT_DETAIL_COLUMNS: PlanColumn[] = [
  { label: 'Layer', wrap: 'nowrap' },
  { label: 'Kind', wrap: 'nowrap' },
  'File',
];

/** An object's cells in the {@link OBJECT_DETAIL_COLUMNS}; "—" where the plan does not say. */
export function ObjectDetailCells(props: {
  object: { layer?: string; kind?: string; file?: string };
}) {
  const { layer, kind, file } = props.object;
  return (
    <>
      <PlanCell wrap="nowrap">{layer ?? '—'}</PlanCell>
      <PlanCell wrap="nowrap">{kind ?? '—'}</PlanCell>
      <PlanCell>{file ?? '—'}</PlanCell>
    </>
  );
}
