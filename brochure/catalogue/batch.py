"""Building a catalogue: only what changed, across every core, whatever fails."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from brochure.builtin import languages
from brochure.catalogue.limits import Limits
from brochure.catalogue.manifest import Manifest, build_key, output_folder, sheet_key
from brochure.catalogue.workers import Settings, render_all
from brochure.errors import Outcome, Problem, UsageError
from brochure.i18n import _
from brochure.sheet.theme import Theme, load_language, load_theme
from brochure.source.config import SheetOptions, source_date_epoch


@dataclass
class BuildReport:
    """What a build did: sheets rendered, left as they were, failed; stale PDFs."""

    outcomes: list[Outcome] = field(default_factory=list)  # rendered or failed
    unchanged: list[Path] = field(default_factory=list)
    stale: list[tuple[Path, Path]] = field(default_factory=list)  # (PDF, its gone source)
    removed: list[Path] = field(default_factory=list)
    pages: dict[Path, int] = field(default_factory=dict)  # every PDF up to date, by path
    warnings: list[str] = field(default_factory=list)  # about the output folder
    seconds: float = 0.0

    @property
    def failed(self) -> list[Outcome]:
        """The sheets that could not be rendered."""
        return [outcome for outcome in self.outcomes if not outcome.ok]

    @property
    def rendered(self) -> list[Outcome]:
        """The sheets rendered by this build."""
        return [outcome for outcome in self.outcomes if outcome.ok]


# Renders (career file, PDF) jobs, telling each one's outcome by its index.
Render = Callable[[list[tuple[Path, Path]], Callable[[int, Outcome], None]], None]


@dataclass
class BuildSettings:
    """Everything a build needs besides the career files."""

    output: Path
    options: SheetOptions = field(default_factory=SheetOptions)
    theme: Theme | None = None
    strict: bool = False
    jobs: int = 1
    limits: Limits = field(default_factory=Limits)
    force: bool = False
    clean: bool = False
    project: Path = field(default_factory=Path)  # career files are recorded relative to it


def output_paths(sources: list[Path], output_dir: Path) -> dict[Path, Path]:
    """Map each career file to ``output_dir/<stem>.pdf``; refuse two files with one name."""
    targets: dict[Path, Path] = {}
    owners: dict[Path, Path] = {}
    problems = []
    for source in sources:
        target = output_dir / f"{source.stem}.pdf"
        if target in owners:
            problems.append(
                Problem(
                    _("would overwrite the sheet of {owner} ({target})").format(
                        owner=owners[target], target=target
                    ),
                    source,
                )
            )
            continue
        owners[target] = source
        targets[source] = target
    if problems:
        raise UsageError(problems)
    return targets


def build_catalogue(
    sources: list[Path],
    settings: BuildSettings,
    on_start: Callable[[int], None] = lambda count: None,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
    render: Render | None = None,
) -> BuildReport:
    """Render the career files whose PDF is missing or out of date.

    ``on_start`` is told how many sheets will be rendered, ``on_outcome`` is
    called as each one finishes. ``render`` renders the jobs (default: new
    worker processes, ``settings.jobs`` of them); ``brochure watch`` gives
    its own, whose workers stay.
    """
    started = time.monotonic()
    theme = settings.theme or load_theme(settings.options.theme)
    targets = output_paths(sources, settings.output)
    for code in languages():  # a mistake in the labels stops the build before any sheet
        load_language(theme, code)
    key = build_key(theme, settings.options, source_date_epoch())
    _refuse_output_in_theme(settings.output, theme)
    with output_folder(settings.output):
        manifest = Manifest.load(settings.output, settings.project)
        other = manifest.other_project()
        if other is not None:
            raise UsageError(
                Problem(
                    _(
                        "holds the sheets of another project, {other}: give this project"
                        " its own output folder (-o, or output: in brochure.yaml)"
                    ).format(other=other),
                    settings.output,
                )
            )
        _refuse_other_owners(targets, manifest)
        report = _build(
            sources, targets, key, theme, manifest, settings, on_start, on_outcome, render
        )
    report.outcomes.sort(key=lambda outcome: str(outcome.source))
    report.seconds = time.monotonic() - started
    return report


def _refuse_output_in_theme(output: Path, theme: Theme) -> None:
    """Refuse an output folder among the templates or styles: each build would change them."""
    place = output.resolve()
    for folder in theme.folders:
        if place.is_relative_to(folder.resolve()):
            raise UsageError(
                Problem(
                    _(
                        "is inside the theme's folder {folder}: every build would change the"
                        " theme and render everything again; choose another output folder"
                    ).format(folder=folder),
                    output,
                )
            )


def _refuse_other_owners(targets: dict[Path, Path], manifest: Manifest) -> None:
    """Refuse to replace a PDF that another, still existing, career file made (another run)."""
    problems = []
    for source, target in targets.items():
        owner = manifest.owner(target)
        if owner is not None and owner.is_file() and not owner.samefile(source):
            problems.append(
                Problem(
                    _("would overwrite the sheet of {owner} ({target}); rename one").format(
                        owner=owner, target=target
                    ),
                    source,
                )
            )
    if problems:
        raise UsageError(problems)


def _build(
    sources: list[Path],
    targets: dict[Path, Path],
    key: str,
    theme: Theme,
    manifest: Manifest,
    settings: BuildSettings,
    on_start: Callable[[int], None],
    on_outcome: Callable[[Outcome], None],
    render: Render | None,
) -> BuildReport:
    report = BuildReport(warnings=list(manifest.warnings))

    jobs: list[tuple[Path, Path]] = []
    keys: list[str] = []
    for source in sources:
        try:
            source_key = sheet_key(source, key)
        except OSError as error:
            report.outcomes.append(
                Outcome(
                    source,
                    problems=[
                        Problem(
                            _("cannot be read ({reason})").format(reason=error.strerror), source
                        )
                    ],
                )
            )
            continue
        if not settings.force and manifest.is_current(targets[source], source_key):
            report.unchanged.append(targets[source])
            report.pages[targets[source]] = manifest.entries[targets[source].name].pages
        else:
            jobs.append((source, targets[source]))
            keys.append(source_key)

    on_start(len(jobs))

    def finished(index: int, outcome: Outcome) -> None:
        source, target = jobs[index]
        try:
            if outcome.ok:
                manifest.record(target, source, keys[index], outcome.pages)
                report.pages[target] = outcome.pages
            else:
                manifest.forget(target.name)
        except OSError as error:  # the PDF is whole; only the record of it is lost
            report.warnings.append(
                _(
                    "{folder}: cannot note that {name} is built ({reason}); the next build"
                    " renders it again"
                ).format(folder=settings.output, name=target.name, reason=error.strerror)
            )
        report.outcomes.append(outcome)
        on_outcome(outcome)

    try:
        if jobs and render is not None:
            render(jobs, finished)
        elif jobs:
            worker_settings = Settings(theme, settings.options, settings.strict, settings.limits)
            render_all(jobs, worker_settings, settings.jobs, finished)
    finally:
        # Whatever happens (Ctrl-C included), fold the journal into the manifest.
        report.stale = manifest.stale({target.name for target in targets.values()})
        if settings.clean:
            for pdf, source in report.stale:
                if manifest.remove(pdf.name):
                    report.removed.append(pdf)
                else:
                    report.warnings.append(
                        _(
                            "{pdf}: changed since brochure wrote it (its career file {source}"
                            " is gone); not deleted"
                        ).format(pdf=pdf, source=source)
                    )
            report.stale = []
        if jobs or report.removed or manifest.warnings:
            _save(manifest, report)
    return report


def _save(manifest: Manifest, report: BuildReport) -> None:
    try:
        manifest.save()
    except OSError as error:
        report.warnings.append(
            _(
                "{folder}: cannot save the build's record ({reason}); the PDFs are written,"
                " and the next build renders them again"
            ).format(folder=manifest.folder, reason=error.strerror)
        )
