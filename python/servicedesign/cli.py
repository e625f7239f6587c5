"""The ``servicedesign`` command line (also ``python -m servicedesign``).

Each part of the library adds its subcommands here: ``demo`` runs the end-to-end example,
``project`` inspects, imports and redacts projects.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from . import __version__
from . import process
from ._core import Error


def _load(path: str) -> process.Project:
    """A project from an archive file or from a folder of CSV files."""
    source = Path(path)
    return process.Project.import_csv(source) if source.is_dir() else process.Project.load(source)


def _cmd_demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    run_demo(data=args.data, out=sys.stdout)
    return 0


def _cmd_project_summary(args: argparse.Namespace) -> int:
    from .demo import print_status

    print_status(_load(args.path), out=sys.stdout)
    return 0


def _cmd_project_import(args: argparse.Namespace) -> int:
    project = process.Project.import_csv(args.folder)
    project.save(args.output, format=args.format)
    print(f"imported {len(project.notes)} notes, {len(project.workshops)} workshops into {args.output}")
    return 0


def _cmd_project_public(args: argparse.Namespace) -> int:
    public = _load(args.path).public_edition()
    public.save(args.output, format=args.format)
    print(f"wrote the public edition to {args.output}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="servicedesign",
        description="User-centred service design for municipalities and regions.",
    )
    parser.add_argument("--version", action="version", version=f"servicedesign {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="run the end-to-end demo on the bundled example project")
    demo.add_argument("--data", help="folder of CSV files to use instead of the bundled example")
    demo.set_defaults(handler=_cmd_demo)

    project = commands.add_parser("project", help="inspect, import and redact service-design projects")
    project_commands = project.add_subparsers(dest="project_command", metavar="ACTION", required=True)
    summary = project_commands.add_parser("summary", help="where a project stands: step, gate, coverage, arena plan")
    summary.add_argument("path", help="archive file or folder of CSV files")
    summary.set_defaults(handler=_cmd_project_summary)
    imp = project_commands.add_parser("import", help="build a project archive from a folder of CSV files")
    imp.add_argument("folder")
    imp.add_argument("output")
    imp.add_argument("--format", choices=["text", "xml", "binary"], default="text")
    imp.set_defaults(handler=_cmd_project_import)
    public = project_commands.add_parser("public", help="write the redacted public edition of a project")
    public.add_argument("path", help="archive file or folder of CSV files")
    public.add_argument("output")
    public.add_argument("--format", choices=["text", "xml", "binary"], default="text")
    public.set_defaults(handler=_cmd_project_public)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return args.handler(args)
    except Error as error:
        print(f"servicedesign: error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
