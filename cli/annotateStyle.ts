// Node (CLI): the terminal colour of each state family, shared by `annotate`'s table and packet comments.
import type { StateReference } from '../core/tcp/stateReference';
import type { Style } from './cliOutput';

export const FAMILY_STYLE: Record<StateReference['family'], Style> = {
  opening: 'cyan',
  established: 'green',
  'closing-local': 'yellow',
  'closing-peer': 'magenta',
  'waiting-app': 'red',
  listening: 'blue',
  closed: 'dim',
};
