"""``python -m kyodo`` runs the ``kyodo`` command."""

import sys

from kyodo.cli import main

if __name__ == "__main__":
    sys.exit(main())
