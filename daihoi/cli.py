"""The `daihoi` command: a thin front to Django's management commands.

`daihoi demo`, `daihoi serve`, `daihoi migrate`, `daihoi import-orgs FILE`,
`daihoi createadmin`; any other Django command works too (`daihoi shell`).
"""

from __future__ import annotations

import os
import sys

# Dashes read better on a command line; the Django commands use underscores.
ALIASES = {
    "import-orgs": "import_orgs",
    "createadmin": "createadmin",
    "serve": "serve",
    "demo": "demo",
}


def main(argv: list[str] | None = None) -> None:
    """Run a daihoi command."""
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
    if len(args) > 1:
        args[1] = ALIASES.get(args[1], args[1].replace("-", "_"))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["daihoi", *args[1:]])


if __name__ == "__main__":
    main()
