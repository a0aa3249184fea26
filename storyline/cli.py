"""The `storyline` command: a thin click layer over the Python API."""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys

import click

from .config import Config, ConfigError

DB_OPTION = click.option("--db", default="storyline.db", show_default=True, envvar="STORYLINE_DB",
                         help="Store: an SQLite file, or postgresql://USER@HOST:PORT/DB.")


def _db_errors() -> tuple:
    """The storage drivers' errors, loaded only when one is being caught."""
    from .store import database_errors

    return database_errors()


def _open(db: str):
    from . import api

    try:
        return api.open(db)
    except (FileNotFoundError, RuntimeError, *_db_errors()) as exc:
        raise click.ClickException(str(exc) if str(db) in str(exc) else f"{db}: {exc}") from exc


@click.group()
@click.version_option(package_name="storyline")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
def main(verbose: bool):
    """Turn a pile of news articles into the story they tell."""
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR,
                        format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@DB_OPTION
@click.option("--model", default=None, help=f"spaCy pipeline package to use [default: {Config.model}].")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="TOML file of settings and stages.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Processes for the per-article analysis [default: the usable cores, when worth it].")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when on a terminal).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def build(paths, db, model, config_file, workers, progress, as_json):
    """Read articles from PATHS (files or folders) into the store and analyse them.

    Supported: .txt (optional " date YYYY-MM-DD" first line), .jsonl, .csv, .html, .warc(.gz).
    Inputs already stored are not processed again; bad inputs are skipped and reported.
    """
    try:
        cfg = Config.from_toml(config_file) if config_file else Config()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    if model:
        cfg.model = model
    if workers is not None:
        cfg.workers = workers
    from . import api

    _report(lambda show: api.build(list(paths), db=db, config=cfg, progress=show), db, progress, as_json)


@main.command()
@click.argument("ids", nargs=-1, required=True)
@DB_OPTION
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when on a terminal).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def remove(ids, db, progress, as_json):
    """Remove articles IDS from the store; events, aliases and dates only they gave go with them."""
    from . import api

    _report(lambda show: api.remove(list(ids), db=db, progress=show), db, progress, as_json)


def _report(run, db, progress, as_json):
    show = sys.stderr.isatty() if progress is None else progress
    try:
        report = run(show)
    except (RuntimeError, ConfigError, *_db_errors()) as exc:
        raise click.ClickException(str(exc) if str(db) in str(exc) else f"{db}: {exc}") from exc
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=1))
        return
    if report.read:
        replaced = f"{report.replaced} replaced, " if report.replaced else ""
        click.echo(f"read {report.read} inputs: {report.added} added, {replaced}"
                   f"{report.already_stored} already stored, {len(report.skipped)} skipped")
    if report.removed:
        click.echo(f"removed {report.removed} articles")
    for source, reason in report.skipped:
        click.echo(f"  skipped {source}: {reason}")
    for source, reason in report.warnings:
        click.echo(f"  warning {source}: {reason}")
    for aid, reason in report.quarantined:
        click.echo(f"  quarantined {aid}: {reason}")
    click.echo(f"analysed {report.analysed} articles ({report.redated} again with a date from their story); "
               f"{report.duplicates} near-duplicates, {report.reused_pairs} article pairs sharing sentences")
    click.echo(f"{report.events} events, {report.entities} entities, {report.stories} stories "
               f"in {report.seconds:.1f}s -> {db}")


@main.command()
@DB_OPTION
def check(db):
    """Check the store: SQLite's integrity check (for a file), then every stored analysis and citation."""
    from .store import StoreError, is_url, open_store

    if not is_url(db) and not os.path.exists(db):
        raise click.ClickException(f"no storyline store at {db}")
    try:
        store = open_store(db, readonly=True)
        problems = store.check()
        store.close()
    except (StoreError, *_db_errors()) as exc:
        raise click.ClickException(str(exc)) from exc
    if problems:
        for p in problems:
            click.echo(p)
        raise click.ClickException(f"{db}: {len(problems)} problems")
    click.echo(f"{db}: ok")


def _names(s) -> dict[str, str]:
    return {e.id: e.name for e in s.entities()}


@main.command()
@DB_OPTION
@click.option("--story", help="Only this story id.")
@click.option("--min-sources", default=1, show_default=True, help="Only events told by this many sentences.")
@click.option("--all", "include_speech", is_flag=True, help="Include statements, not only happenings.")
def timeline(db, story, min_sources, include_speech):
    """Print the dated events in order."""
    with _open(db) as s:
        names = _names(s)
        stories = {st.id: st.label for st in s.stories()}
        current = None
        for e in s.timeline(story=story, min_sources=min_sources, include_speech=include_speech):
            if e.story != current and not story:
                current = e.story
            who = ", ".join(names.get(p, p) for p in e.participants)
            where = f" @ {names.get(e.place, e.place)}" if e.place else ""
            status = "" if e.status == "occurred" else f" [{e.status}]"
            date = e.date + (f"..{e.date_end}" if e.date_end else "")
            click.echo(f"{date:<12} {e.type:<10}{status} {who}{where}  ({len(e.sources)} src, {stories.get(e.story, '')})")
            click.echo(f"{'':12} {e.summary[:150]}")


@main.command()
@DB_OPTION
@click.option("--type", "etype", help="PERSON, ORG, GPE or LOC.")
@click.option("--limit", default=50, show_default=True)
def entities(db, etype, limit):
    """List entities with their aliases and roles."""
    with _open(db) as s:
        for e in s.entities(etype)[:limit]:
            aliases = f" aka {', '.join(e.aliases)}" if e.aliases else ""
            roles = "; ".join(r["role"] + (f" (from {r['start']})" if r.get("start") else "") for r in e.roles)
            click.echo(f"{e.id:<32} {e.type:<7} {e.mentions:>4}  {e.name}{aliases}" + (f"  | {roles}" if roles else ""))


@main.command()
@DB_OPTION
@click.option("--entity", help="Only events with this participant (name or alias).")
@click.option("--story", help="Only this story id.")
def events(db, entity, story):
    """List events (all statuses), with sources."""
    with _open(db) as s:
        names = _names(s)
        for e in s.events(entity=entity, story=story):
            who = ", ".join(names.get(p, p) for p in e.participants)
            click.echo(f"{e.id} {e.date or '????'} {e.type} [{e.status}] {who} "
                       f"({len(e.sources)} sources: {', '.join(sorted({x.article for x in e.sources}))})")


@main.command()
@DB_OPTION
@click.option("--speaker", help="Only this speaker (name or alias).")
def quotes(db, speaker):
    """List quotes: date, speaker, words, article."""
    with _open(db) as s:
        names = _names(s)
        for q in s.quotes(speaker=speaker):
            click.echo(f"{q.date or '????'} {names.get(q.speaker, q.speaker)}: \u201c{q.text}\u201d [{q.article}]")


@main.command()
@DB_OPTION
@click.option("--quarantined", is_flag=True, help="Only the articles whose analysis failed, with the reason.")
def articles(db, quarantined):
    """List articles with date, story and duplicates."""
    with _open(db) as s:
        if quarantined:
            for q in s.quarantined():
                click.echo(f"{q['id']:<28} {q['source']}: {q['reason']}")
            return
        for a in s.articles():
            dup = f" duplicate of {a['duplicate_of']}" if a["duplicate_of"] else ""
            reuse = f" reuses {','.join(r['article'] for r in a['reuses'])}" if a["reuses"] else ""
            click.echo(f"{a['id']:<28} {a['published'] or '?':<10} {a['published_source'] or '':<9} "
                       f"{a['story'] or '-':<5} {(a['title'] or '')[:60]}{dup}{reuse}")


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "markdown", "md", "graphml", "timelinejs", "html"]),
              default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(),
              help="File to write (default: stdout); for csv and html a folder, unless it ends in .csv / .html.")
@click.option("--story", help="The story to export (markdown, graphml: default all; timelinejs, html: default "
                              "the one with the most articles).")
def export(db, fmt, output, story):
    """Export the store: JSON (the documented contract), CSV (one file per table, or the events alone),
    Markdown, GraphML (the actor network), TimelineJS JSON or a static HTML report of a story."""
    from .export import FOLDER_FORMATS, FORMATS, STORY_FORMATS, check_output, export_folder, write

    if story and fmt not in STORY_FORMATS:
        raise click.UsageError(f"--story applies to {', '.join(f for f in STORY_FORMATS if f != 'md')}, not {fmt}")
    folder = bool(output) and fmt in FOLDER_FORMATS and not output.lower().endswith((".csv", ".html", ".htm"))
    try:
        if output and not folder:
            check_output(output, db)
        with _open(db) as s:
            if folder:
                paths = export_folder(s, fmt, output, db, story)
                click.echo(f"wrote {', '.join(os.path.basename(p) for p in paths)} to {output}", err=True)
                return
            text = FORMATS[fmt](s, story)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    if not output:
        click.echo(text)
        return
    try:
        write(output, text)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc


@main.command()
@click.option("--dct", required=True, help="Document creation time, YYYY-MM-DD (or YYYYMMDD).")
@click.argument("file", required=False, type=click.File("r", encoding="utf-8", errors="replace"))
@click.option("--lang", default="en", show_default=True)
def timex(dct, file, lang):
    """Tag temporal expressions in FILE (or stdin) as JSON lines, resolved against --dct."""
    from .time import timex as engine

    digits = dct.replace("-", "")[:8]
    try:
        anchor = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError as exc:
        raise click.BadParameter(f"not a date: {dct}", param_hint="--dct") from exc
    text = (file or sys.stdin).read()
    out = sys.stdout
    for t in engine.tag(text, anchor, lang=lang):
        out.write(json.dumps({"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}) + "\n")


if __name__ == "__main__":
    main()
