"""``eventwire data list``: what knowledge is loaded, and from where.

Example::

    eventwire data list --data my_actors/ --data Phoenix.Countries.actors.txt
"""

from __future__ import annotations

import argparse

from ..config import load_config


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "data",
        help="show the knowledge files eventwire loads",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inner = p.add_subparsers(dest="data_command", metavar="ACTION")
    listing = inner.add_parser("list", help="list loaded knowledge files with their row counts")
    listing.add_argument("--data", action="append", default=None, help="extra knowledge files or folders")
    listing.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    from ..knowledge import load_actor_knowledge
    from ..lexicon import load_lexicon

    config = load_config(args.config, data=tuple(args.data) if args.data else None)
    knowledge = load_actor_knowledge(tuple(config.data), config.builtin_data)
    lexicon = load_lexicon(tuple(config.data), config.builtin_data)
    print(f"{'kind':<18}{'rows':>8}  {'origin':<9} path")
    for f in knowledge.files:
        print(f"{f.kind:<18}{f.rows:>8}  {'built-in' if f.builtin else 'user':<9} {f.path}")
    by_file: dict[str, int] = {}
    for entry in lexicon.entries:
        by_file[entry.file] = by_file.get(entry.file, 0) + 1
    for name, count in sorted(by_file.items()):
        print(f"{'lexicon':<18}{count:>8}  {'':<9} {name}")
    print(f"{'cameo table':<18}{len(lexicon.cameo):>8}  {'built-in':<9} cameo.tsv")
    from ..versions import knowledge_files, versions

    for path in knowledge_files(tuple(config.data), config.builtin_data):
        if not any(f.path == str(path) for f in knowledge.files):
            print(f"{'cues and models':<18}{'':>8}  {'':<9} {path}")
    current = versions(config)
    print(f"lexicon version {current.lexicon}, knowledge version {current.knowledge} (digests of these files)")
    return 0
