"""``python -m stratlab`` runs the command line."""

from stratlab.cli import main

main()
