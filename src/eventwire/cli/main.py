"""Entry point: parses the command line and dispatches to one command module.

Only the CLI turns exceptions into messages and exit codes. Exit codes: 0 all good; 1 some documents failed
(the batch went on); 2 usage or input error; 3 database busy or store error; 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback

from .._version import __version__
from ..errors import DatabaseBusy, EventwireError, StoreError

# Each module has ``register(subparsers)``, which adds its commands and sets ``func`` on them.
COMMAND_MODULES = (
    "eventwire.cli.extract",
    "eventwire.cli.store",
    "eventwire.cli.evaluate",
    "eventwire.cli.data",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="Turn news pages into evidenced political event data (PLOVER 2.0 and CAMEO).",
    )
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    parser.add_argument("--verbose", action="store_true", help="show tracebacks for errors")
    parser.add_argument("--config", help="a TOML config file (default: ./eventwire.toml if present)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command group not built yet
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("eventwire: interrupted", file=sys.stderr)
        return 130
    except DatabaseBusy as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return 3
    except StoreError as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return 3
    except EventwireError as exc:
        if args.verbose:
            traceback.print_exc()
        print(f"eventwire: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
