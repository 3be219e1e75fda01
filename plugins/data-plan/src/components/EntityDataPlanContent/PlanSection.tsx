import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import { forwardRef, ReactNode, useId } from 'react';

/**
 * One section of the plan tab: a card whose `<h2>` names it, so that the page reads as an
 * outline; `action` sits next to the heading; `id` makes it a link target.
 */
export const PlanSection = forwardRef<
  HTMLElement,
  {
    title: string;
    action?: ReactNode;
    id?: string;
    children: ReactNode;
  }
>(function Section(props, ref) {
  const { title, action, id, children } = props;
  const headingId = useId();
  return (
    <Card component="section" aria-labelledby={headingId} id={id} ref={ref}>
      <CardContent>
        <Box
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
          mb={2}
        >
          <Typography variant="h5" component="h2" id={headingId}>
            {title}
          </Typography>
          {action}
        </Box>
        {children}
      </CardContent>
    </Card>
  );
});

/** A `<h3>` inside a {@link PlanSection}. */
export function SectionSubheading(props: { children: ReactNode }) {
  return (
    <Box mt={2} mb={1}>
      <Typography variant="h6" component="h3">
        {props.children}
      </Typography>
    </Box>
  );
}
