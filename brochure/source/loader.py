"""Finding career files, loading them into validated models, and checking them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from brochure.errors import BrochureError, Outcome, Problem, UsageError
from brochure.i18n import _
from brochure.source.model import Career
from brochure.source.placeholders import as_warning, find_placeholders
from brochure.source.problems import validate
from brochure.source.yamlfile import read_yaml

CAREER_SUFFIXES = (".yaml", ".yml")
# Where `brochure import --retire` puts careers no longer in their source:
# a folder of that name is left out when a folder is searched for careers.
RETIRED_FOLDER = "retired"


def find_career_files(paths: Iterable[Path]) -> list[Path]:
    """List the career files named by ``paths`` (files, or folders searched recursively).

    Raises UsageError naming every path that does not exist or holds no
    career file.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in CAREER_SUFFIXES
                and p.is_file()
                and RETIRED_FOLDER not in p.relative_to(path).parts[:-1]
            )
            if not files:
                problems.append(Problem(_("no career file (*.yaml) in this folder"), path))
            # A link in the folder to a file elsewhere would put that file on a page.
            inside = path.resolve()
            for file in files:
                if not file.resolve().is_relative_to(inside):
                    problems.append(
                        Problem(
                            _(
                                "is a link to {target}, outside {folder}: refused;"
                                " copy the career file into the folder instead"
                            ).format(target=file.resolve(), folder=path),
                            file,
                        )
                    )
            found.extend(file for file in files if file.resolve().is_relative_to(inside))
        elif path.is_file():
            found.append(path)
        else:
            problems.append(Problem(_("no such file or folder") + _name_hint(path), path))
    if problems:
        raise UsageError(problems)
    # The same file named twice (a folder and a file in it) is built once.
    return list(dict.fromkeys(found))


def _name_hint(path: Path) -> str:
    """For a career's name given as a path (``brochure build infirmier``), how to find it."""
    if len(path.parts) != 1 or path.suffix in CAREER_SUFFIXES:
        return ""
    quoted = f'"{path}"' if " " in str(path) else str(path)
    return _("; to find a career by its name: brochure find {name}").format(name=quoted)


def load_career(path: Path) -> Career:
    """Read and validate one career file; raise DataError listing every problem."""
    return validate(read_yaml(path), Career)


def read_career(path: Path) -> tuple[Career, list[Problem]]:
    """Read and validate one career file, with what to warn about (placeholders left)."""
    document = read_yaml(path)
    return validate(document, Career), find_placeholders(document)


# From this many files, `check` reads them in one process per core: parsing
# and validating is about 1.5 ms of CPU a career, starting a process 50 ms.
PARALLEL_FROM = 200


def check_files(paths: Iterable[Path], strict: bool = False) -> list[Outcome]:
    """Validate career files without rendering anything, in the order given.

    Placeholders left from ``brochure new`` are warnings; with ``strict``, problems.
    A long list is shared between processes, one per core, where the system
    can fork (each reads its files as this process would).
    """
    paths = list(paths)
    jobs = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 8)
    if len(paths) < PARALLEL_FROM or jobs < 2 or "fork" not in get_all_start_methods():
        return _check_some(paths, strict)
    size = -(-len(paths) // jobs)  # contiguous parts keep the order
    parts = [paths[start : start + size] for start in range(0, len(paths), size)]
    with ProcessPoolExecutor(len(parts), mp_context=get_context("fork")) as pool:
        return [
            outcome
            for part in pool.map(_check_some, parts, [strict] * len(parts))
            for outcome in part
        ]


def _check_some(paths: list[Path], strict: bool) -> list[Outcome]:
    outcomes = []
    for path in paths:
        try:
            _, warnings = read_career(path)
        except BrochureError as error:
            outcomes.append(Outcome(path, problems=error.problems))
            continue
        if strict and warnings:
            outcomes.append(Outcome(path, problems=[_failed(problem) for problem in warnings]))
        else:
            outcomes.append(Outcome(path, warnings=[as_warning(problem) for problem in warnings]))
    return outcomes


def _failed(problem: Problem) -> Problem:
    return replace(problem, message=problem.message + _(" (failed by --strict)"))
