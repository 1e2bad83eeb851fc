"""``python -m stratlab`` and the ``stratlab`` script: run the command line.

Ctrl-C at any moment — even while the command line's libraries are still being imported —
ends with one line on stderr and exit code 130, never a traceback.
"""

from __future__ import annotations

import sys


def entry() -> None:
    """Import the command line and run it; an interrupt during start-up is one line, exit 130."""
    try:
        from stratlab.cli import main
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        sys.exit(130)
    main()


if __name__ == "__main__":
    entry()
