"""The command-line layer: ``kommunbudget`` and its subcommands (``kommunbudget --help``).

The console script is :func:`kommunbudget.cli.main.main`. This package imports nothing heavy, so ``--help`` and
``--version`` stay fast; each subcommand's module is imported only when that subcommand runs.
"""
