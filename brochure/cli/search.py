"""The commands that find careers: ``find`` and ``sectors``.

Both read the career files (never render anything) and match names as the
booklet's ``--list`` and ``--sector`` and the site's search do
(``brochure/source/search.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from brochure.cli.common import argument, command, find_sources, option, paths_argument
from brochure.errors import EXIT_FAILED, EXIT_OK, Outcome, Problem, UsageError
from brochure.i18n import N_, _
from brochure.source.search import closest_careers, count_sectors, query_words, read_entries, search


@command(
    help=N_(
        "List the careers whose names, sectors, ROME codes, statuses or interests match QUERY.\n\n"
        "Case and accents are ignored and words may be cut short: `brochure find infirmiere`, "
        "`brochure find developpeur web`, `brochure find J1506`."
    )
)
@argument("query", nargs=-1, required=True, metavar=N_("QUERY"))
@option(
    "--in",
    "paths",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar=N_("PATH"),
    help=N_("A career file or a folder to search (may be repeated) [default: data/]."),
)
def find(query: tuple[str, ...], paths: tuple[Path, ...]) -> None:
    text = " ".join(query)
    if not query_words(text):
        raise UsageError(
            Problem(
                _("'{text}' holds no word to search for: give a name, a code...").format(text=text)
            )
        )
    entries, failed = read_entries(find_sources(paths))
    _warn_unread(failed)
    found = search(entries, text)
    if not found:
        click.echo(_("no career matches '{text}'").format(text=text), err=True)
        near = closest_careers(entries, text)
        if near:
            click.echo(_("closest:"), err=True)
            _table([(str(e.path), e.title, ", ".join(e.sectors)) for e in near], err=True)
        sys.exit(EXIT_FAILED)
    _table([(str(entry.path), entry.title, ", ".join(entry.sectors)) for entry in found])
    sys.exit(EXIT_OK)


@command(
    help=N_(
        "List the sectors of the careers, with how many careers each has.\n\n"
        "PATH is a career file or a folder searched for *.yaml (default: data/)."
    )
)
@paths_argument
def sectors(paths: tuple[Path, ...]) -> None:
    entries, failed = read_entries(find_sources(paths))
    _warn_unread(failed)
    counts = count_sectors(entry.sectors for entry in entries)
    width = max((len(str(count)) for _, count in counts), default=1)
    for sector, count in counts:
        click.echo(f"{count:>{width}}  {sector}")
    without = sum(1 for entry in entries if not entry.sectors)
    if without:
        click.echo(f"{without:>{width}}  " + _("(no sector)"))
    sectors = _("1 sector") if len(counts) == 1 else _("{count} sectors")
    careers = _("1 career") if len(entries) == 1 else _("{count} careers")
    said = sectors.format(count=len(counts)) + ", " + careers.format(count=len(entries))
    click.echo(said + ".")


def _table(rows: list[tuple[str, str, str]], err: bool = False) -> None:
    """Rows in aligned columns: file, title, sectors."""
    widths = [max(len(row[column]) for row in rows) for column in range(2)]
    for path, title, sector in rows:
        line = f"{path:<{widths[0]}}  {title:<{widths[1]}}  {sector}"
        click.echo(line.rstrip(), err=err)


def _warn_unread(failed: list[Outcome]) -> None:
    if failed:
        names = ", ".join(str(outcome.source) for outcome in failed[:3])
        if len(failed) > 3:
            names += _(" and {count} more").format(count=len(failed) - 3)
        if len(failed) == 1:
            said = _(
                "1 career file could not be read and was not searched ({names});"
                " brochure check says why"
            )
        else:
            said = _(
                "{count} career files could not be read and were not searched ({names});"
                " brochure check says why"
            )
        click.echo(_("warning: ") + said.format(count=len(failed), names=names), err=True)
