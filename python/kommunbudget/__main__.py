"""``python -m kommunbudget``: the command-line tool (see :mod:`kommunbudget.cli`)."""
import sys

from kommunbudget.cli import main

sys.exit(main())
