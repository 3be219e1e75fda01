import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/**
 * A `<ul>` laid out as a wrapping row without bullets; `label` names the list for assistive
 * technology.
 */
export function InlineList(props: {
  label: string;
  items: Array<{ key: string; content: ReactNode }>;
  /** Space between items, in pixels. */
  gap: number;
  /** Space above the list, in theme spacing units. */
  mt?: number;
  /** Sets the items in the smaller body text. */
  small?: boolean;
}) {
  const { label, items, gap, mt = 0, small = false } = props;
  return (
    <Box
      component="ul"
      display="flex"
      flexWrap="wrap"
      p={0}
      m={0}
      mt={mt}
      style={{ listStyle: 'none', gap }}
      aria-label={label}
    >
      {items.map(({ key, content }) => (
        <li key={key}>
          {small ? (
            <Typography variant="body2" component="span">
              {content}
            </Typography>
          ) : (
            content
          )}
        </li>
      ))}
    </Box>
  );
}
