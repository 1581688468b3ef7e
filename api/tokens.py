"""Issue a bearer token from the command line: `python -m api.tokens hulpverlener --sub hv-anna`."""

from __future__ import annotations

import argparse
import sys

from api.auth import Recht, Role, issue_token
from runtime.settings import get_settings


def main(argv: list[str] | None = None) -> None:
    """Print a token for the given role (and subject) to standard output."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("role", choices=[role.value for role in Role])
    parser.add_argument("--sub", help="who the token is for (default: <role>-demo)")
    parser.add_argument("--recht", action="append", default=[], choices=[recht.value for recht in Recht])
    args = parser.parse_args(argv)
    rechten = tuple(Recht(recht) for recht in args.recht)
    token = issue_token(get_settings(), Role(args.role), args.sub or f"{args.role}-demo", rechten)
    sys.stdout.write(token + "\n")


if __name__ == "__main__":
    main()
