"""``python -m kommunbudget``: the command line (:func:`kommunbudget.cli.main.main`)."""
import sys

from kommunbudget.cli.main import main

sys.exit(main())
