// The TypeScript loader of a one-process `chkpt run` of a .ts script:
// bin/chkpt passes this file to node's `--import`, where tsx's own entry would
// be resolved from the user's folder rather than from chkpt's.
import 'tsx';
