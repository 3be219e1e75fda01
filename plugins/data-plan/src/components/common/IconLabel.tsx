import { SvgIconProps } from '@material-ui/core/SvgIcon';
import { makeStyles } from '@material-ui/core/styles';
import { ComponentType, HTMLAttributes, ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  success: { color: theme.palette.success.main },
  error: { color: theme.palette.error.main },
  warning: { color: theme.palette.warning.main },
  info: { color: theme.palette.info.main },
  secondary: { color: theme.palette.text.secondary },
  strong: { fontWeight: 700 },
}));

/** The colour of an {@link IconLabel}'s icon. */
export type IconTone = 'success' | 'error' | 'warning' | 'info' | 'secondary';

/** An icon and the colour it is drawn in. */
export interface ToneIcon {
  icon: ComponentType<SvgIconProps>;
  tone: IconTone;
}

/**
 * A small coloured icon followed by its words, on one line. The icon is decoration, hidden
 * from assistive technology: the words say everything its shape and colour say. Other
 * attributes (e.g. `data-*` hooks) go on the outer `<span>`.
 */
export function IconLabel(
  props: ToneIcon & {
    /** Sets the words in bold. */
    strong?: boolean;
    children: ReactNode;
  } & Omit<HTMLAttributes<HTMLSpanElement>, 'className' | 'children'>,
) {
  const { icon: Icon, tone, strong, children, ...spanProps } = props;
  const classes = useStyles();
  return (
    <span className={classes.root} {...spanProps}>
      <Icon fontSize="small" className={classes[tone]} aria-hidden />
      <span className={strong ? classes.strong : undefined}>{children}</span>
    </span>
  );
}
