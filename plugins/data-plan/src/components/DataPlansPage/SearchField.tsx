import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import Search from '@material-ui/icons/Search';
import { useEffect, useId, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

/**
 * A search box that reports its text `delay` ms after the last keystroke, so that typing
 * does not send a request per character. Follows `value` when it changes from outside
 * (e.g. "Clear filters").
 */
export function SearchField(props: {
  value: string;
  onChange: (text: string) => void;
  label?: string;
  delay?: number;
}) {
  const { value, onChange, label = 'Search', delay = 300 } = props;
  const id = useId();
  const [text, setText] = useState(value);

  useEffect(() => setText(value), [value]);

  useDebounce(
    () => {
      if (text !== value) onChange(text);
    },
    delay,
    [text],
  );

  return (
    <TextField
      id={id}
      type="search"
      label={label}
      value={text}
      onChange={event => setText(event.target.value)}
      variant="outlined"
      size="small"
      fullWidth
      inputProps={{ maxLength: 200 }}
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <Search aria-hidden />
          </InputAdornment>
        ),
      }}
    />
  );
}
