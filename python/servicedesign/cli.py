"""The ``servicedesign`` command line (also ``python -m servicedesign``).

Each part of the library adds its subcommands here: ``demo`` runs the end-to-end example,
``select`` draws panels and working groups, ``cluster`` turns notes into themes, ``prioritise`` ranks needs,
``project`` inspects, imports and redacts projects.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from . import __version__
from . import process
from ._core import Error, InvalidInputError, read_csv, write_file_atomically
from ._core import selection as _selection_core


def _load(path: str, progress: bool = True) -> process.Project:
    """A project from an archive file or from a folder of CSV files (a bar while a large folder is read)."""
    source = Path(path)
    return process.Project.import_csv(source, progress=progress) if source.is_dir() else process.Project.load(source)


# Which arguments each command reads and writes, so that no output can replace an input.
_INPUTS = ("people", "features", "groups", "notes", "project", "needs", "scores", "kano", "ballots", "population",
           "folder", "path", "data", "commitment")
_OUTPUTS = ("out", "remaining", "probabilities", "report", "labels", "output", "alternates_out", "commit")


def _option(name: str) -> str:
    return name.upper() if name in ("notes", "folder", "path", "output") else "--" + name.replace("_", "-")


def _refuse_to_overwrite_inputs(args: argparse.Namespace) -> None:
    """Refuses, before anything is read or written, a command whose output path is one of its inputs (or a CSV
    file in an input folder), or two outputs with one path: ``cluster notes.csv --out notes.csv`` would
    replace the notes with the result."""
    import os

    def same(a: Path, b: Path) -> bool:
        try:
            return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
        except OSError:
            return False

    inputs = [(n, Path(v)) for n in _INPUTS if isinstance(v := getattr(args, n, None), str) and v]
    outputs = [(n, Path(v)) for n in _OUTPUTS if isinstance(v := getattr(args, n, None), str) and v]
    for out_name, out in outputs:
        for in_name, source in inputs:
            inside = source.is_dir() and out.suffix.lower() == ".csv" and same(out.parent, source) and out.exists()
            if same(out, source) or inside:
                what = f"a CSV file in the input folder {_option(in_name)}" if inside else f"the input {_option(in_name)}"
                raise InvalidInputError(f"{_option(out_name)} '{out}' is {what}: writing there would replace it; "
                                        "choose another output path (nothing was written)")
    for i, (first, a) in enumerate(outputs):
        for second, b in outputs[i + 1:]:
            if same(a, b):
                raise InvalidInputError(f"{_option(first)} and {_option(second)} are the same file '{a}'; "
                                        "give each output its own path (nothing was written)")



def _cmd_demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    run_demo(data=args.data, out=sys.stdout, report=args.report)
    return 0


def _cmd_project_summary(args: argparse.Namespace) -> int:
    from .demo import print_status

    print_status(_load(args.path, not args.quiet), out=sys.stdout)
    return 0


def _cmd_project_import(args: argparse.Namespace) -> int:
    project = process.Project.import_csv(args.folder, progress=not args.quiet)
    project.save(args.output, format=args.format)
    print(f"imported {len(project.notes)} notes, {len(project.workshops)} workshops into {args.output}")
    return 0


def _today() -> str:
    import datetime

    return datetime.datetime.now(datetime.timezone.utc).date().isoformat()


def _cmd_project_erase(args: argparse.Namespace) -> int:
    """Erases persons from an archive and rewrites it atomically in its own format (also ``project scrub``)."""
    ids = list(args.person_ids or []) + list(args.erase or [])
    if not ids:
        raise InvalidInputError("project erase: name the person to erase (PERSON_ID, or --erase ID)")
    if Path(args.path).is_dir():
        raise InvalidInputError(f"project erase: '{args.path}' is a folder of CSV files; erase from an archive "
                                "(servicedesign project import), or edit the CSV files")
    fmt = process.Project.archive_format(args.path)
    project = process.Project.load(args.path)
    date = args.date or _today()
    reports = [project.erase_person(person_id, reason=args.reason, date=date,
                                    keep_anonymous_notes=args.keep_anonymous_notes) for person_id in ids]
    project.save(args.output or args.path, format=fmt)
    for report in reports:
        e = report.erasure
        print(f"erased one person as {e.id}: {e.notes_removed} notes removed, {e.notes_kept_anonymous} kept anonymous, "
              f"{e.mentions_replaced} mentions replaced")
        for reduced in report.reduced:
            print(f"  {reduced.kind} {reduced.id}: evidence {reduced.before} -> {reduced.after} notes")
        for unmet in report.newly_unmet:
            print(f"  now unmet: {unmet.criterion_id}: {unmet.explanation}")
    print(f"wrote {args.output or args.path}")
    return 0


def _cmd_project_purge(args: argparse.Namespace) -> int:
    fmt = process.Project.archive_format(args.path)
    project = process.Project.load(args.path)
    kinds = [k for k in args.kinds.split(",") if k]
    reports = project.purge(args.before, kinds=kinds, reason=args.reason, today=args.today or "")
    project.save(args.output or args.path, format=fmt)
    for report in reports:
        e = report.erasure
        print(f"purged {e.what} ({e.id}): {e.persons} persons, {e.notes_removed} notes")
    print(f"wrote {args.output or args.path}")
    return 0


def _cmd_project_access(args: argparse.Namespace) -> int:
    held = _load(args.path, not args.quiet).personal_data(args.person_id)
    text = held.to_json() if args.format == "json" else held.to_markdown()
    if args.output:
        write_file_atomically(args.output, text.encode("utf-8"))
        print(f"wrote what the project holds about {args.person_id} to {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_project_public(args: argparse.Namespace) -> int:
    public = _load(args.path, not args.quiet).public_edition()
    public.save(args.output, format=args.format)
    print(f"wrote the public edition to {args.output}")
    return 0


def _shortened(text: str, limit: int = 60) -> str:
    """At most ``limit`` characters of text from a file, so that a huge header is not echoed whole."""
    return text if len(text) <= limit else text[:limit] + "…"


def _read_rows(path: str) -> tuple:
    """The library's strict reader: a ragged row or Latin-1 text is an error naming the file and line."""
    header, rows, _ = read_csv(path)
    return header, [dict(zip(header, row)) for row in rows]


def _write_rows(path: str, header: list, rows: list) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_file_atomically(path, buffer.getvalue().encode("utf-8"))


def _dropout_of(args: argparse.Namespace, header: list, rows: list, id_of: Callable) -> Any:
    """The dropout probabilities the options give: one rate, or per person from a column of the people file
    (empty cells take the rate, or the library's default); None for the library's default rate."""
    if not args.dropout_column:
        return args.dropout_rate
    if args.dropout_column not in header:
        raise InvalidInputError(f"{args.people}: no column {args.dropout_column!r} (--dropout-column)")
    per_person = {}
    for n, row in enumerate(rows):
        text = row[args.dropout_column].strip()
        if not text:
            if args.dropout_rate is not None:
                per_person[id_of(n, row)] = args.dropout_rate
            continue
        try:
            per_person[id_of(n, row)] = float(text)
        except ValueError:
            raise InvalidInputError(f"{args.people}:{n + 2}: {args.dropout_column} {text!r} is not a number "
                                    "(a dropout probability)") from None
    return per_person


def _cmd_draw(args: argparse.Namespace) -> int:
    from . import selection

    commitment = selection.load_report(args.commitment)
    published = commitment.get("lottery_digest")
    if not isinstance(published, str):
        raise InvalidInputError(f"{args.commitment}: field 'lottery_digest' missing: not a commitment from "
                                "'servicedesign select --commit'")
    again = selection.rerun(commitment, progress=not args.quiet)  # inputs changed: an error naming the input
    digest = again.lottery_digest
    if digest != published:
        raise InvalidInputError(f"{args.commitment}: the lottery computed again has digest {digest}, "
                                f"not the published {published} (nothing was drawn or written)")
    drawn = again.draw_public(args.public)
    options = commitment["inputs"]["options"]
    header, rows = _read_rows(commitment["inputs"]["people"]["path"])
    id_column = options.get("id_column", "id")
    id_of = (lambda n, row: row[id_column]) if id_column else (lambda n, row: str(n + 1))
    args.algorithm = commitment["algorithm"]
    args.seed = commitment["seed"]
    args.alternates = None
    print(f"public text {args.public!r} -> seed {_selection_core.seed_from_public_text(args.public)}")
    return _write_selection(args, drawn, header, rows, id_of, None)


def _cmd_verify(args: argparse.Namespace) -> int:
    from . import selection

    result = selection.verify(args.report_file, progress=not args.quiet)
    print(result)
    return 0 if result.ok else 1


def _read_groups(path: str) -> list:
    """``[[group]]`` tables of a groups TOML file: name, size and features (a path relative to the file)."""
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib

    try:
        with open(path, "rb") as handle:
            spec = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise InvalidInputError(f"{path}: not valid TOML: {error}") from None
    tables = spec.get("group", [])
    if not isinstance(tables, list) or not tables:
        raise InvalidInputError(f"{path}: no [[group]] tables")
    base = Path(path).parent
    groups = []
    for number, table in enumerate(tables, start=1):
        missing = [key for key in ("name", "size", "features") if key not in table]
        if missing:
            raise InvalidInputError(f"{path}: group {number}: missing {', '.join(missing)}")
        if not isinstance(table["size"], int) or isinstance(table["size"], bool) or table["size"] < 1:
            raise InvalidInputError(f"{path}: group {number}: field 'size': {table['size']!r} is not a whole number >= 1")
        groups.append((str(table["name"]), table["size"], str(base / str(table["features"]))))
    return groups


def _cmd_select(args: argparse.Namespace) -> int:
    from . import selection

    address = [c for c in (args.address_columns or "").split(",") if c]
    if args.groups:
        groups = _read_groups(args.groups)
    else:
        if not args.features or args.size is None:
            raise InvalidInputError("select: give --features and --size (one panel), or --groups (several groups)")
        groups = [("panel", args.size, args.features)]
    if (args.alternates is None) != (args.alternates_out is None):
        raise InvalidInputError("select: --alternates and --alternates-out go together (how many, and where to write them)")
    if args.alternates is None and (args.dropout_rate is not None or args.dropout_column):
        raise InvalidInputError("select: --dropout-rate and --dropout-column need --alternates")
    if args.commit is not None and (args.out or args.alternates is not None):
        raise InvalidInputError("select: --commit publishes the lottery before the draw; draw later with "
                                "'servicedesign draw' (no --out or --alternates now)")
    if args.commit is None and not args.out:
        raise InvalidInputError("select: give --out (the selected people), or --commit (the lottery, for a public draw)")
    header, rows = _read_rows(args.people)
    id_of = (lambda n, row: row[args.id_column]) if args.id_column else (lambda n, row: str(n + 1))
    dropout = _dropout_of(args, header, rows, id_of)  # bad values are named before anything is selected
    try:
        result = selection.select(args.people, groups=groups, algorithm=args.algorithm, seed=args.seed,
                                  id_column=args.id_column, address_columns=address, progress=not args.quiet,
                                  max_probability=args.max_probability)
    except InvalidInputError as error:  # the library names its parameter; the user typed the option
        if str(error).startswith("max_probability"):
            raise InvalidInputError("select: --max-probability" + str(error)[len("max_probability"):]) from None
        raise
    if args.commit is not None:
        return _write_commitment(args.commit, result)
    return _write_selection(args, result, header, rows, id_of, dropout)


def _write_commitment(path: str, result: Any) -> int:
    """The lottery before the draw: the report without drawn groups, with the lottery's digest to publish."""
    if result.lottery_digest is None:
        raise InvalidInputError("select --commit: the legacy algorithm has no lottery to publish")
    from .selection import write_json

    write_json(path, {key: value for key, value in result.report.items() if key not in ("panels", "quotas_achieved")})
    print(f"lottery digest (publish it before the draw): {result.lottery_digest}")
    print(f"then draw in public: servicedesign draw {path} --public \"<dice or digits>\" --out selected.csv")
    return 0


def _write_selection(args: argparse.Namespace, result: Any, header: list, rows: list, id_of: Callable,
                     dropout: Any) -> int:
    """The select and draw commands' outputs: selected people, the rest, probabilities, report, alternates."""
    alternates = {}
    if args.alternates is not None:
        for name in result.panels:
            try:
                alternates[name] = result.alternates(args.alternates, dropout, group=name)
            except InvalidInputError as error:  # the library names its parameters; the user typed options
                text = str(error)
                for parameter, option in (("dropout_rate", "--dropout-rate"), ("dropout[", "--dropout-column value "),
                                          ("count", "--alternates")):
                    if text.startswith(parameter):
                        text = option + text[len(parameter):]
                        break
                raise InvalidInputError(f"select: {text}") from None
    group_of = {i: name for name, members in result.panels.items() for i in members}
    selected = [dict(row, group=group_of[id_of(n, row)]) for n, row in enumerate(rows) if id_of(n, row) in group_of]
    _write_rows(args.out, header + ["group"], selected)
    if args.remaining:
        _write_rows(args.remaining, header, [row for n, row in enumerate(rows) if id_of(n, row) not in group_of])
    if args.probabilities:
        result.write_report(args.probabilities if args.probabilities.endswith(".csv") else args.probabilities + ".csv")
    if args.report:
        if alternates:
            report = dict(result.report, alternates={
                name: {"ids": listed.ids, "expected_violations": listed.expected_violations,
                       "exact": listed.result.exact, "scenarios": listed.result.scenarios}
                for name, listed in alternates.items()})
            from .selection import write_json

            write_json(args.report, report)
        else:
            result.write_report(args.report)
    if alternates:
        row_of = {id_of(n, row): row for n, row in enumerate(rows)}
        listed = [dict(row_of[i], group=name, rank=str(rank + 1))
                  for name, alternate_list in alternates.items() for rank, i in enumerate(alternate_list.ids)]
        _write_rows(args.alternates_out, header + ["group", "rank"], listed)
    for name, members in result.panels.items():
        print(f"{name}: {len(members)} selected")
    gap = f" (within a factor exp({result.optimality_gap:.1e}) of the best Nash welfare)" \
        if args.algorithm == "nash" else ""
    for name, alternate_list in alternates.items():
        how = "exact" if alternate_list.result.exact else f"simulated over {alternate_list.result.scenarios} outcomes"
        expected = alternate_list.expected_violations
        print(f"{name}: {len(alternate_list)} alternates; expected quota violations after dropouts "
              f"{expected['without']:.3f} without them, {expected['with']:.3f} with them ({how})")
    print(f"algorithm {args.algorithm}, seed {args.seed}: lowest selection probability "
          f"{result.min_probability:.4f}{gap}")
    return 0


# The cluster command's options and the Themes parameter each one sets.
# The command line's names of Themes' parameters that are not the theme model's numeric options; those get an
# option each, named and described by their one declaration in C++ (`--themes` is n_themes).
_TEXT_OPTIONS = {"algorithm": "algorithm", "lang": "language", "representation": "weighting", "similarity": "similarity"}


def _option_name(parameter: str) -> str:
    return "themes" if parameter == "n_themes" else parameter


def _theme_options() -> dict:
    """Each option of ``cluster`` that sets a parameter of Themes: {option's dest: parameter}."""
    from . import insights

    return {**_TEXT_OPTIONS, **{_option_name(p.name): p.name for p in insights.theme_model_parameters()}}


def _number_or_none(whole: bool) -> Callable[[str], "int | float | None"]:
    """An argparse type: a number (whole or not; "inf" for a real one), or "none"; ranges are the model's to check."""
    def parse(text: str) -> "int | float | None":
        if text == "none":
            return None
        try:
            return int(text) if whole else float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {'a whole number' if whole else 'a number'} or none, "
                                             f"got {text!r}") from None

    parse.__name__ = "whole number" if whole else "number"
    return parse


def _theme_model_defaults() -> Any:
    from . import insights

    return insights.ThemeModelOptions()


def _add_theme_model_options(command: argparse.ArgumentParser) -> None:
    """An option per numeric option of the theme model, from its declaration (name, kind, default, description)."""
    from . import insights

    for p in insights.theme_model_parameters():
        if p.name == "resolution":  # "auto" is the command line's and Python's spelling of 0
            command.add_argument("--resolution", type=_resolution, default="auto",
                                 help=f"{p.description}; a positive number fixes it (default auto)")
            continue
        if p.default is None:
            default, shown = None, "none"
        else:
            default = int(p.default) if p.whole else p.default
            shown = f"{default}" if p.whole else f"{default:g}"
        either = "none or " if p.may_be_none or p.default is None else ""
        command.add_argument(f"--{_option_name(p.name).replace('_', '-')}", dest=_option_name(p.name),
                             type=_number_or_none(p.whole), default=default,
                             help=f"{p.description} ({either}{p.allowed()}; default {shown})")


def _theme_parameters(args: argparse.Namespace) -> dict:
    """The Themes parameters the options ask for, each checked by the theme model itself (which declares the
    ranges), so that a bad value is named by its option: ``--neighbours -1: …``."""
    from . import insights

    def reason(error: Exception) -> str:
        return str(error).removeprefix("Themes: ").removeprefix("ThemeModelOptions: ").replace("None or ", "none or ")

    options = _theme_options()
    option_of = {parameter: option for option, parameter in options.items()}
    given = {parameter: getattr(args, option) for option, parameter in options.items()}

    def refuse(parameter: str, error: Exception) -> InvalidInputError:
        return InvalidInputError(f"--{option_of[parameter].replace('_', '-')} {given[parameter]}: {reason(error)}")

    for parameter in option_of:  # each value in its range, named by its own option
        try:
            insights.Themes(**{"algorithm": given["algorithm"], parameter: given[parameter]})._options()
        except (Error, ValueError, TypeError) as error:
            raise refuse(parameter, error) from None
    # Then what the components make of them, in an order that names the option at fault: the number of themes
    # for the algorithm, the algorithm with it (kmeans needs it), then the others with both.
    for parameter in ("n_themes", "algorithm", "threshold", "min_samples", "weighting", "similarity"):
        if given[parameter] is None:
            continue
        these = {"algorithm": given["algorithm"], parameter: given[parameter]}
        if parameter != "n_themes":
            these["n_themes"] = given["n_themes"]
        try:
            insights.Themes(**these)._options().check_components()
        except (Error, ValueError, TypeError) as error:
            raise refuse(parameter, error) from None
    try:
        insights.Themes(**given)._options().check_components()
    except (Error, ValueError, TypeError) as error:
        raise refuse("algorithm", error) from None
    return given


def _cmd_cluster(args: argparse.Namespace) -> int:
    from . import insights

    _theme_parameters(args)  # checked before the notes are read
    header, rows = _read_rows(args.notes)
    if args.text_column not in header:
        raise InvalidInputError(f"{args.notes}: no column {args.text_column!r}; columns: {_shortened(', '.join(header))}")
    texts = [row[args.text_column] for row in rows]
    model = insights.Themes(**_theme_parameters(args))
    model.fit(texts, progress=not args.quiet)
    _write_rows(args.out, header + ["theme"], [dict(row, theme=int(t)) for row, t in zip(rows, model.labels_)])
    if args.labels:
        themes = model.themes_
        _write_rows(args.labels, ["theme", "size", "keywords", "representative"],
                    [{"theme": t, "size": int(r["size"]), "keywords": "; ".join(r["keywords"]),
                      "representative": r["representatives"][0] if r["representatives"] else ""}
                     for t, r in themes.iterrows()])
    outside = int((model.labels_ < 0).sum())
    chosen = f", resolution {model.resolution_:.3g}" if model.resolution_ is not None else ""
    print(f"{len(texts)} notes: {model.n_themes_} themes, {outside} fillers or empty notes outside themes "
          f"(theme -1); algorithm {args.algorithm}{chosen}, seed {args.seed}")
    return 0


def _component_parameters_help() -> str:
    """The parameters each registered clusterer, representation and similarity declares (from their C++
    declarations), for ``cluster --help``."""
    from . import insights

    lines = ["the parameters each algorithm, representation and similarity takes (declared with it); the theme",
             "model sets those that share a name with one of its options above (resolution, ensemble, threads,",
             "min_df, max_df, char_ngrams, min_cluster_size, ...) from that option, so its defaults are the ones",
             "that apply here; the defaults below are a component's own, when it is used alone:"]
    for kind, names, declared in (("algorithm", insights.clusterer_names, insights.clusterer_parameters),
                                  ("representation", insights.representation_names, insights.representation_parameters),
                                  ("similarity", insights.similarity_names, insights.similarity_parameters)):
        for name in names():
            parameters = declared(name)
            lines.append(f"  {kind} {name}:" + ("" if parameters else " none"))
            lines += [f"    {p.name}: {p.allowed()}, default {'none' if p.default is None else f'{p.default:g}'}; "
                      f"{p.description}" for p in parameters]
    return "\n".join(lines)


def _resolution(text: str) -> "float | str":
    """--resolution: "auto" or a positive number."""
    if text == "auto":
        return text
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive number or auto, got {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number or auto, got {text!r}")
    return value


def _read_table(path: str, key: str) -> tuple:
    """A CSV file as a DataFrame of strings indexed by ``key``, and the line of each row (for messages)."""
    import csv

    import pandas as pd

    from ._core import InvalidInputError

    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in (reader.fieldnames or [])]
        if key not in header:
            raise InvalidInputError(f"{path}:1: field '{key}': required column is missing from the header")
        rows, lines = [], {}
        for row in reader:
            row = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
            if row[key] in lines:
                raise InvalidInputError(f"{path}:{reader.line_num}: field '{key}': '{row[key]}' appears twice "
                                        f"(first on line {lines[row[key]]})")
            lines[row[key]] = reader.line_num
            rows.append(row)
    return pd.DataFrame(rows, columns=header).set_index(key), lines


def _at_line(path: str, lines: dict, run: "Callable[[], Any]") -> "Any":
    """Runs ``run()``; an error about need 'X' is prefixed with the file and line of X's row."""
    import re

    from ._core import InvalidInputError

    try:
        return run()
    except InvalidInputError as error:
        found = re.search(r"need '([^']*)'", str(error))
        line = lines.get(found.group(1)) if found else None
        raise InvalidInputError(f"{path}:{line}: {error}" if line else f"{path}: {error}") from None


def _pairs(text: str, option: str) -> dict:
    out = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            raise InvalidInputError(f"prioritise: {option} wants name=weight,..., got {part!r}") from None
        if not sep:
            raise InvalidInputError(f"prioritise: {option} wants name=weight,..., got {part!r}")
    return out


def _cmd_prioritise(args: argparse.Namespace) -> int:
    import pandas as pd

    from . import priorities as P

    evidence_weights = _pairs(args.evidence_weights, "--evidence-weights") if args.evidence_weights else None
    if args.project:
        pr = P.Prioritisation.from_project(_load(args.project, not args.quiet), evidence_weights=evidence_weights, seed=args.seed,
                                           samples=args.samples)
    elif args.needs:
        needs, _ = _read_table(args.needs, "id")
        pr = P.Prioritisation(list(needs.index), titles=dict(needs.get("title", pd.Series(dtype=str))), seed=args.seed,
                              samples=args.samples)
    elif args.scores:
        scores, _ = _read_table(args.scores, "need")
        pr = P.Prioritisation(list(scores.index), seed=args.seed, samples=args.samples)
    else:
        raise InvalidInputError("prioritise: give --project, --needs or --scores")
    if args.scores:
        scores, lines = _read_table(args.scores, "need")
        have = set(scores.columns)
        methods = [("skr", {"relevance", "feasibility"}, P.skr),
                   ("impact_effort", {"impact", "effort"}, P.impact_effort),
                   ("moscow", {"moscow", "effort"}, P.moscow),
                   ("rice", {"reach", "rice_impact", "confidence", "rice_effort"}, P.rice)]
        for name, columns, method in methods:
            if columns <= have:
                pr.add(name, _at_line(args.scores, lines, lambda method=method: method(scores)))
        if args.weights:
            weights = _pairs(args.weights, "--weights")
            missing = [name for name in weights if name not in have]
            if missing:
                from ._core import InvalidInputError

                raise InvalidInputError(f"{args.scores}:1: --weights names column(s) not in the file: {', '.join(missing)}")
            _at_line(args.scores, lines, lambda: pr.add_criteria(scores[list(weights)], weights))
    if args.kano:
        responses = pd.read_csv(args.kano, dtype=str)
        pr.add("kano", _at_line(args.kano, {}, lambda: P.kano(responses, pr.ids)))
    if args.ballots:
        ballots = pd.read_csv(args.ballots, dtype={"voter": str, "segment": str, "need": str})
        shares = {}
        if args.population:
            population, _ = _read_table(args.population, "segment")
            shares = {k: float(v) for k, v in population["share"].items()}
        _at_line(args.ballots, {}, lambda: pr.add_votes(ballots, dots_per_voter=args.dots_per_voter,
                                                        one_per_item=args.one_per_item, population_shares=shares))
    if not pr.methods:
        raise InvalidInputError("prioritise: no method to run: give --scores with method columns, --kano or --ballots")
    ranking = pr.ranking_
    sens = pr.sensitivity_
    if sens is not None:
        ranking = ranking.join(sens)
    _write_rows(args.out, ["need"] + [str(c) for c in ranking.columns],
                [{"need": need, **{str(k): v for k, v in row.items()}} for need, row in ranking.iterrows()])
    if args.report:
        import os

        text = pr.report(audience=args.audience, format="html" if args.report.endswith((".html", ".htm")) else "markdown")
        with open(args.report + ".tmp", "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(args.report + ".tmp", args.report)
    first = ", ".join(ranking.index[ranking["rank"] == 1])
    print(f"{len(ranking)} needs ranked by {len(pr.methods)} method(s) ({', '.join(pr.methods)}); first: {first}")
    if pr.bloc_ is not None and pr.decided_by_one_bloc_:
        print("warning: one voter segment decided the winner of the dot vote; see the report's bloc check")
    return 0


def _whole(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``minimum``."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise argparse.ArgumentTypeError(f"expected a whole number >= {minimum}, got {text!r}")
        return value

    parse.__name__ = f"whole number >= {minimum}"
    return parse


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    parser = argparse.ArgumentParser(
        prog="servicedesign",
        description="User-centred service design for municipalities and regions.",
    )
    parser.add_argument("--version", action="version", version=f"servicedesign {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", parents=[common], help="run the end-to-end demo on the bundled example project")
    demo.add_argument("--data", help="folder of CSV files to use instead of the bundled example")
    demo.add_argument("--report", help="also write the report: Markdown to this path (.md), HTML beside it (.html)")
    demo.set_defaults(handler=_cmd_demo)

    select = commands.add_parser("select", parents=[common], help="select a panel or working groups fairly under quotas")
    select.add_argument("--people", required=True, help="people CSV (one row per volunteer)")
    select.add_argument("--features", help="features CSV: feature,value,min,max[,min_flex,max_flex]")
    select.add_argument("--size", type=_whole(1), help="panel size")
    select.add_argument("--groups", help="TOML file with [[group]] tables: name, size, features (several groups at once)")
    select.add_argument("--id-column", default="id", help="id column of the people CSV ('' for row numbers)")
    select.add_argument("--address-columns", help="comma-separated columns; equal values = one household")
    select.add_argument("--algorithm", default="leximin", choices=["leximin", "maximin", "nash", "legacy"])
    select.add_argument("--seed", type=_whole(0), default=0, help="seed of the draw (default 0)")
    select.add_argument("--out", help="CSV of the selected people (with a group column)")
    select.add_argument("--remaining", help="CSV of the people not selected")
    select.add_argument("--probabilities", help="CSV of each person's selection probability")
    select.add_argument("--report", help="JSON audit report")
    select.add_argument("--alternates", type=_whole(0), help="number of alternates per group, ranked, chosen to keep "
                        "the quotas after dropouts")
    select.add_argument("--alternates-out", help="CSV of the alternates (people columns, group, rank)")
    select.add_argument("--dropout-rate", type=float, help="probability that a person drops out (default "
                        f"{_selection_core.DEFAULT_DROPOUT_RATE:g})")
    select.add_argument("--dropout-column", help="column of the people CSV with each person's dropout probability "
                        "(from past rounds)")
    select.add_argument("--max-probability", type=float, help="cap on everyone's probability of being selected "
                        "(leximin, maximin): at least the seats over the people")
    select.add_argument("--commit", help="JSON commitment: the lottery and its digest, before a public draw "
                        "(no draw now; then 'servicedesign draw')")
    select.set_defaults(handler=_cmd_select)

    draw = commands.add_parser("draw", parents=[common], help="draw the groups of a committed lottery with public "
                               "randomness (dice, published digits)")
    draw.add_argument("commitment", help="JSON file written by 'servicedesign select --commit'")
    draw.add_argument("--public", required=True, help="the public random text, e.g. the dice rolled: \"3 6 1 4 4 2\"")
    draw.add_argument("--out", required=True, help="CSV of the selected people (with a group column)")
    draw.add_argument("--remaining", help="CSV of the people not selected")
    draw.add_argument("--probabilities", help="CSV of each person's selection probability")
    draw.add_argument("--report", help="JSON audit report (for 'servicedesign verify')")
    draw.set_defaults(handler=_cmd_draw)

    verify = commands.add_parser("verify", parents=[common], help="check a selection report: unchanged inputs, "
                                 "the published lottery, the same groups")
    verify.add_argument("report_file", metavar="report", help="JSON report of 'servicedesign select' or 'draw'")
    verify.set_defaults(handler=_cmd_verify)

    cluster = commands.add_parser("cluster", parents=[common], help="cluster notes from a CSV file into themes",
                                  epilog=_component_parameters_help(),
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    cluster.add_argument("notes", help="CSV file with one note per row")
    cluster.add_argument("--text-column", default="text", help="column holding the note's text (default text)")
    cluster.add_argument("--lang", choices=["sv", "no", "nb", "nn", "da", "en"], help="language (default: detected per note)")
    model_defaults = _theme_model_defaults()
    cluster.add_argument("--algorithm", default=model_defaults.algorithm,
                         help=f"registered clusterer (default {model_defaults.algorithm})")
    cluster.add_argument("--representation", default=model_defaults.representation,
                         help=f"notes as vectors, by name from the registry (default {model_defaults.representation})")
    cluster.add_argument("--similarity", default=model_defaults.similarity,
                         help=f"the neighbour graph, by name from the registry (default {model_defaults.similarity})")
    _add_theme_model_options(cluster)
    cluster.add_argument("--out", required=True, help="the notes CSV with a theme column (-1: filler or empty)")
    cluster.add_argument("--labels", help="CSV of themes: size, keywords, a representative note")
    cluster.set_defaults(handler=_cmd_cluster)

    prioritise = commands.add_parser("prioritise", parents=[common], aliases=["prioritize"], help="rank needs from scores and ballots, with a report")
    prioritise.add_argument("--project", help="project archive or folder of CSV files: needs with their evidence")
    prioritise.add_argument("--needs", help="CSV of needs: id,title (when there is no project)")
    prioritise.add_argument("--scores", help="CSV by need: relevance,feasibility (SKR) impact,effort (impact/effort) "
                            "moscow,effort reach,rice_impact,confidence,rice_effort (RICE), criteria for --weights")
    prioritise.add_argument("--weights", help="weighted scoring on columns of --scores: name=weight,... summing to 1")
    prioritise.add_argument("--evidence-weights", help="segments=..,arenas=..,notes=.. (default 0.5, 0.25, 0.25)")
    prioritise.add_argument("--ballots", help="CSV of a dot vote: voter,segment,need,dots")
    prioritise.add_argument("--dots-per-voter", type=_whole(1), default=3)
    prioritise.add_argument("--one-per-item", action="store_true", help="at most one dot per voter and need")
    prioritise.add_argument("--population", help="CSV segment,share: population shares for the bloc check")
    prioritise.add_argument("--kano", help="CSV of Kano answers: respondent,need,functional,dysfunctional (1-5)")
    prioritise.add_argument("--seed", type=_whole(0), default=0, help="seed of the weight sensitivity")
    prioritise.add_argument("--samples", type=_whole(1), default=4000, help="weight vectors drawn for the sensitivity")
    prioritise.add_argument("--audience", choices=["public", "internal"], default="public",
                            help="who reads the report: only notes whose consent allows it are quoted")
    prioritise.add_argument("--out", required=True, help="CSV of the ranking")
    prioritise.add_argument("--report", help="the report: Markdown, or HTML when the name ends in .html")
    prioritise.set_defaults(handler=_cmd_prioritise)

    project = commands.add_parser("project", help="inspect, import and redact service-design projects")
    project_commands = project.add_subparsers(dest="project_command", metavar="ACTION", required=True)
    summary = project_commands.add_parser("summary", parents=[common], help="where a project stands: step, gate, coverage, arena plan")
    summary.add_argument("path", help="archive file or folder of CSV files")
    summary.set_defaults(handler=_cmd_project_summary)
    imp = project_commands.add_parser("import", parents=[common], help="build a project archive from a folder of CSV files")
    imp.add_argument("folder")
    imp.add_argument("output")
    imp.add_argument("--format", choices=["text", "xml", "binary"], default="text")
    imp.set_defaults(handler=_cmd_project_import)
    public = project_commands.add_parser("public", parents=[common], help="write the redacted public edition of a project")
    public.add_argument("path", help="archive file or folder of CSV files")
    public.add_argument("output")
    public.add_argument("--format", choices=["text", "xml", "binary"], default="text")
    public.set_defaults(handler=_cmd_project_public)
    for name, helptext in (("erase", "erase persons from an archive (GDPR art. 17) and rewrite it atomically"),
                           ("scrub", "the same as erase, for an older archive on disk: scrub FILE --erase ID")):
        erase = project_commands.add_parser(name, parents=[common], help=helptext)
        erase.add_argument("path", help="the archive; rewritten in place, in its own format, unless --output")
        erase.add_argument("person_ids", nargs="*", metavar="PERSON_ID", help="who to erase")
        erase.add_argument("--erase", action="append", metavar="PERSON_ID", help="who to erase (repeatable)")
        erase.add_argument("--reason", required=True, help="why (logged with the erasure, e.g. 'withdrew consent')")
        erase.add_argument("--date", help="date of the erasure, YYYY-MM-DD (default: today, UTC)")
        erase.add_argument("--keep-anonymous-notes", action="store_true",
                           help="keep their notes (not quotes) as anonymous text where they name no one")
        erase.add_argument("--output", help="write the result here instead of replacing the archive")
        erase.set_defaults(handler=_cmd_project_erase)
    purge = project_commands.add_parser("purge", parents=[common],
                                        help="remove notes past their retention date and the volunteers not chosen")
    purge.add_argument("path", help="the archive; rewritten in place, in its own format, unless --output")
    purge.add_argument("--before", required=True, help="notes dated before this YYYY-MM-DD are removed")
    purge.add_argument("--kinds", default="notes,pool", help="notes, pool or both (default notes,pool)")
    purge.add_argument("--reason", default="retention period ended", help="logged with the purge")
    purge.add_argument("--today", help="YYYY-MM-DD (default: the system's date); --before may not be after it")
    purge.add_argument("--output", help="write the result here instead of replacing the archive")
    purge.set_defaults(handler=_cmd_project_purge)
    access = project_commands.add_parser("access", parents=[common],
                                         help="everything a project holds about one person (GDPR art. 15)")
    access.add_argument("path", help="archive file or folder of CSV files")
    access.add_argument("person_id")
    access.add_argument("--format", choices=["markdown", "json"], default="markdown")
    access.add_argument("--output", help="write the report here (default: print it)")
    access.set_defaults(handler=_cmd_project_access)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs one command. Whatever goes wrong ends in one line on stderr and an exit status, never a traceback:
    1 for an error, 2 for a misused command line (argparse), 130 for Ctrl-C; a closed pipe (``| head``) ends
    quietly. ``SERVICEDESIGN_DEBUG=1`` lets unexpected errors through with their traceback, for developers."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        _refuse_to_overwrite_inputs(args)
        return args.handler(args)
    except KeyboardInterrupt:
        print("servicedesign: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``servicedesign ... | head``): stop writing, and keep Python from complaining
        # about the unflushed stdout when it exits.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except (Error, OSError) as error:  # a missing or unreadable input file is an OSError from Python's open()
        print(f"servicedesign: error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug of ours: still one line, with what to report
        import os

        if os.environ.get("SERVICEDESIGN_DEBUG"):
            raise
        print(f"servicedesign: internal error ({type(error).__name__}): {error}; please report it "
              "(SERVICEDESIGN_DEBUG=1 shows where it happened)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
