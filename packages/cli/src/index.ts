/**
 * Entry point of the `data-plan` command.
 *
 * @packageDocumentation
 */

import { runCli } from './runCli';

runCli(process.argv.slice(2)).then(code => {
  process.exitCode = code;
});
