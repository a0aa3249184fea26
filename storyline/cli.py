"""The `storyline` command: a thin click layer over the Python API."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import re
import sys

import click

from .config import Config, ConfigError
from .model import CONFLICT_KINDS

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
@click.option("--dask-scheduler", metavar="ADDRESS",
              help="Run the per-article analysis on this dask.distributed scheduler (tcp://HOST:8786), "
                   "or 'local': a cluster of --workers processes on this machine. Needs storyline[dask].")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when on a terminal).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--field", "fields", multiple=True, metavar="FIELD=NAME",
              help="Read CSV column / JSON key NAME as FIELD (id, url, title, date, text); repeatable: "
                   "--field text=body --field date=pub_date.")
def build(paths, db, model, config_file, workers, dask_scheduler, progress, as_json, fields):
    """Read articles from PATHS (files or folders) into the store and analyse them.

    Supported: .txt (optional " date YYYY-MM-DD" first line or a "Date: ..." header), .jsonl, .csv
    (comma, semicolon, tab or pipe), .html, .warc(.gz). Inputs already stored are not processed again;
    bad inputs are skipped and reported. Exits 1 when nothing could be read.
    """
    from . import api
    from .ingest import InputError, check_paths, parse_field_spec, with_fields

    try:
        cfg = Config.from_toml(config_file) if config_file else Config()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        mapping: dict[str, list[str]] = {}
        for spec in fields:
            key, name = parse_field_spec(spec)
            mapping.setdefault(key, []).append(name)
        cfg.ingest = with_fields(cfg.ingest, mapping)
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="--field") from exc
    try:
        check_paths(paths)
    except InputError as exc:
        raise click.ClickException(str(exc)) from exc
    if model:
        cfg.model = model
    if workers is not None:
        cfg.workers = workers
    if dask_scheduler:
        cfg.dask_scheduler = dask_scheduler

    def run(show):
        from .runner import DaskError, require_dask

        try:
            if cfg.dask_scheduler:
                require_dask()                 # missing dask: say so before reading any input
            return api.build(list(paths), db=db, config=cfg, progress=show)
        except DaskError as exc:       # about the cluster, not the store: no db prefix
            raise click.ClickException(str(exc)) from None

    report = _report(run, db, progress, as_json)
    if not report.read:
        raise click.ClickException(f"nothing to read in {', '.join(paths)}: no files")
    if not (report.added or report.replaced or report.already_stored):
        raise click.ClickException(f"nothing could be read: all {report.read} inputs were skipped (reasons above)")


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
        return report
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
    return report


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


# -- the list commands ------------------------------------------------------------------------------

FUZZY_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DEFAULT_LIMIT = 50           # rows a list shows unless told otherwise (--limit 0: all)
ROW_NOTE_INDENT = "    "     # a row's second line (the timeline's summary) sits under its columns


def _date_option(name: str, help: str):
    def check(ctx, param, value):
        if value is not None and not FUZZY_DATE.match(value):
            raise click.BadParameter(f"{value!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD")
        return value

    return click.option(name, callback=check, metavar="DATE", help=help)


def list_options(type_help: str, limit: int | None = DEFAULT_LIMIT):
    """The options every list command shares: --story, --since, --until, --type, --limit, --json."""
    shown = "all" if limit is None else str(limit)
    options = [
        click.option("--story", help="Only this story id (`storyline stories` lists them)."),
        _date_option("--since", "Only from this date on (YYYY, YYYY-MM or YYYY-MM-DD)."),
        _date_option("--until", "Only up to this date, at its precision (--until 2025-05: all of May)."),
        click.option("--type", "kind", help=type_help),
        click.option("--limit", type=click.IntRange(min=0), default=limit or 0,
                     help=f"Show at most this many (0: all) [default: {shown}]."),
        click.option("--json", "as_json", is_flag=True, help="Print JSON (every field, full ids) instead of a table."),
    ]

    def decorate(f):
        for option in reversed(options):
            f = option(f)
        return f

    return decorate


def _check_story(s, story: str | None) -> None:
    if story and story not in {st.id for st in s.stories()}:
        known = ", ".join(st.id for st in s.stories()[:10]) or "none"
        raise click.ClickException(f"no story {story!r} in {s.db} (stories: {known})")


def _filters(**given) -> str:
    used = [f"--{k.replace('_', '-')} {v}" if v is not True else f"--{k}" for k, v in given.items() if v]
    return " ".join(used)


def _show(what: str, items: list, limit: int, as_json: bool, to_json, columns, to_row, filters: str,
          db: str, after_row=None) -> None:
    """Print a list as a table (or JSON), cut at `limit` with a note saying so; nothing to show is a
    message on stderr and exit status 1."""
    from . import table

    total = len(items)
    if not items:
        click.echo(f"no {what} match {filters}" if filters else f"no {what} in {db}", err=True)
        if as_json:
            click.echo("[]")
        sys.exit(1)
    shown = items[:limit] if limit else items
    if as_json:
        click.echo(json.dumps([to_json(x) for x in shown], ensure_ascii=False, indent=1))
    else:
        lines = table.render(columns, [to_row(x) for x in shown])
        click.echo(lines[0])
        width = table.terminal_width()
        for item, line in zip(shown, lines[1:]):
            click.echo(line)
            if after_row:
                extra = after_row(item)
                if extra:
                    click.echo(ROW_NOTE_INDENT + table.cut(extra, width - len(ROW_NOTE_INDENT)))
    if len(shown) < total:
        click.echo(f"showing {len(shown)} of {total} {what} (use --limit)", err=True)


def _event_json(e, names):
    row = dataclasses.asdict(e)
    row["participant_names"] = [names.get(p, p) for p in e.participants]
    row["place_name"] = names.get(e.place, e.place) if e.place else None
    return row


def _date_text(e) -> str:
    return (e.date or "????") + (f"..{e.date_end}" if e.date_end else "")


def _who(e, names) -> str:
    who = ", ".join(names.get(p, p) for p in e.participants)
    return who + (f" @ {names.get(e.place, e.place)}" if e.place else "")


@main.command()
@DB_OPTION
@list_options("Only events of this type (meet, call, resign, ...).", limit=None)
@click.option("--min-sources", default=1, show_default=True, help="Only events told by this many sentences.")
@click.option("--all", "include_speech", is_flag=True, help="Include statements, not only happenings.")
def timeline(db, story, since, until, kind, limit, as_json, min_sources, include_speech):
    """Print the dated events in order, each with the sentence that tells it best."""
    from .table import Column

    with _open(db) as s:
        _check_story(s, story)
        names = _names(s)
        disputed = s.disputed()          # events whose date or figures sources dispute
        evs = s.timeline(story=story, min_sources=min_sources, include_speech=include_speech, date_from=since,
                         date_to=until, type=kind)
        _show("events", evs, limit, as_json, lambda e: {**_event_json(e, names), "conflicts": disputed.get(e.id, [])},
              [Column("DATE", 22), Column("TYPE", 10), Column("STATUS", 9), Column("SRC", 3, right=True),
               Column("STORY", 6), Column("WHO")],
              lambda e: [_date_text(e), e.type, e.status, len(e.sources), e.story or "-",
                         _who(e, names) + (" (disputed)" if e.id in disputed else "")],
              _filters(story=story, since=since, until=until, type=kind,
                       min_sources=min_sources if min_sources > 1 else None), db,
              after_row=lambda e: e.summary)


@main.command()
@DB_OPTION
@list_options("PERSON, ORG, GPE or LOC.")
@click.option("--name", help="Only entities with this name or alias (else containing it).")
def entities(db, story, since, until, kind, limit, as_json, name):
    """List entities with their aliases and roles (with --story or dates: those taking part in its events)."""
    from .table import Column

    with _open(db) as s:
        _check_story(s, story)
        found = s.entities(kind, name=name, story=story, date_from=since, date_to=until)

        def roles(e):
            return "; ".join(r["role"] + (f" (from {r['start']})" if r.get("start") else "") for r in e.roles)

        _show("entities", found, limit, as_json, dataclasses.asdict,
              [Column("ID", 28), Column("TYPE", 6), Column("MENTIONS", 8, right=True), Column("NAME", 30),
               Column("ALIASES AND ROLES")],
              lambda e: [e.id, e.type, e.mentions, e.name,
                         "; ".join(x for x in (", ".join(a for a in e.aliases if a != e.name), roles(e)) if x)],
              _filters(story=story, since=since, until=until, type=kind, name=name), db)


@main.command()
@DB_OPTION
@list_options("Only events of this type (meet, call, statement, ...).")
@click.option("--entity", help="Only events with this participant (name or alias).")
@click.option("--status", type=click.Choice(["occurred", "planned", "cancelled", "uncertain"]))
def events(db, story, since, until, kind, limit, as_json, entity, status):
    """List events (all statuses), with sources."""
    from .table import Column

    with _open(db) as s:
        _check_story(s, story)
        names = _names(s)
        found = s.events(entity=entity, story=story, type=kind, status=status, date_from=since, date_to=until)
        _show("events", found, limit, as_json, lambda e: _event_json(e, names),
              [Column("ID", 10), Column("DATE", 22), Column("TYPE", 10), Column("STATUS", 9),
               Column("WHO", 40), Column("SOURCES")],
              lambda e: [e.id, _date_text(e), e.type, e.status, _who(e, names),
                         f"{len(e.sources)}: " + ", ".join(sorted({x.article for x in e.sources}))],
              _filters(story=story, since=since, until=until, type=kind, entity=entity, status=status), db)


@main.command()
@DB_OPTION
@list_options("Only quotes from statements of this type (statement, announce, ...).")
@click.option("--speaker", help="Only this speaker (name or alias).")
def quotes(db, story, since, until, kind, limit, as_json, speaker):
    """List quotes: date, speaker, words, article."""
    from .table import Column

    with _open(db) as s:
        _check_story(s, story)
        names = _names(s)
        found = s.quotes(speaker=speaker, story=story, date_from=since, date_to=until)
        if kind:
            of_type = {e.id for e in s.events(type=kind)}
            found = [q for q in found if q.event in of_type]
        _show("quotes", found, limit, as_json,
              lambda q: dict(dataclasses.asdict(q), speaker_name=names.get(q.speaker, q.speaker)),
              [Column("DATE", 10), Column("SPEAKER", 24), Column("ARTICLE", 24), Column("WORDS")],
              lambda q: [q.date or "????", names.get(q.speaker, q.speaker), q.article, f"\u201c{q.text}\u201d"],
              _filters(story=story, since=since, until=until, type=kind, speaker=speaker), db)


@main.command()
@DB_OPTION
@click.option("--story", help="Only this story id.")
@click.option("--kind", type=click.Choice(CONFLICT_KINDS), help="Only conflicts of this kind.")
@click.option("--json", "as_json", is_flag=True, help="Print them as JSON (as in the export).")
def conflicts(db, story, kind, as_json):
    """Where sources disagree: each side's value and the sentences that give it, most important first."""
    with _open(db) as s:
        found = s.conflicts(story=story, kind=kind)
        if as_json:
            click.echo(json.dumps([dataclasses.asdict(c) for c in found], ensure_ascii=False, indent=1))
            return
        for c in found:
            click.echo(f"[{c.kind}] {c.description}  (score {c.score:g}{', ' + c.story if c.story else ''})")
            for side in c.sides:
                click.echo(f"  {side.value!r}:")
                for src in side.sources:
                    click.echo(f"    [{src.article}] {src.sentence[:200]}")


@main.command()
@DB_OPTION
@list_options("Only articles dated this way: header, metadata, dateline or inferred.")
@click.option("--quarantined", is_flag=True, help="Only the articles whose analysis failed, with the reason.")
def articles(db, story, since, until, kind, limit, as_json, quarantined):
    """List articles with date, story and duplicates."""
    from .table import Column

    with _open(db) as s:
        _check_story(s, story)
        found = s.articles(quarantined=quarantined, story=story, date_from=since, date_to=until, date_source=kind)
        filters = _filters(story=story, since=since, until=until, type=kind, quarantined=quarantined)
        if quarantined:
            _show("quarantined articles", found, limit, as_json, dict,
                  [Column("ID", 28), Column("SOURCE", 40), Column("REASON")],
                  lambda a: [a["id"], a["source"], a["status_reason"]], filters, db)
            return

        def notes(a):
            dup = f"duplicate of {a['duplicate_of']}" if a["duplicate_of"] else ""
            reuse = f"reuses {','.join(r['article'] for r in a['reuses'])}" if a["reuses"] else ""
            return "; ".join(x for x in (a["title"] or "", dup, reuse) if x)

        _show("articles", found, limit, as_json, lambda a: {k: v for k, v in a.items() if k != "text"},
              [Column("ID", 28), Column("PUBLISHED", 10), Column("DATED BY", 9), Column("STORY", 6),
               Column("TITLE AND NOTES")],
              lambda a: [a["id"], a["published"] or "?", a["published_source"] or "", a["story"] or "-", notes(a)],
              filters, db)


@main.command()
@DB_OPTION
@list_options("Only stories with an event of this type.")
def stories(db, story, since, until, kind, limit, as_json):
    """List stories: id, span, articles, events and label."""
    from .table import Column

    with _open(db) as s:
        _check_story(s, story)
        found = [st for st in s.stories(date_from=since, date_to=until, type=kind) if not story or st.id == story]
        counts = {}
        for e in s.events():
            counts[e.story] = counts.get(e.story, 0) + 1
        _show("stories", found, limit, as_json, lambda st: dict(dataclasses.asdict(st), events=counts.get(st.id, 0)),
              [Column("ID", 6), Column("START", 10), Column("END", 10), Column("ARTICLES", 8, right=True),
               Column("EVENTS", 6, right=True), Column("LABEL")],
              lambda st: [st.id, st.start or "?", st.end or "?", len(st.articles), counts.get(st.id, 0), st.label],
              _filters(story=story, since=since, until=until, type=kind), db)


@main.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(db, as_json):
    """Corpus statistics: articles and how they were dated, stories, entities, events, quotes."""
    with _open(db) as s:
        figures = s.stats(full=True)
    if as_json:
        click.echo(json.dumps(figures, indent=1, sort_keys=True))
        return

    def counts(by: dict) -> str:
        ranked = sorted(by.items(), key=lambda kv: (-kv[1], str(kv[0])))
        return ", ".join(f"{k} {v}" for k, v in ranked) or "none"

    f = figures
    span = f", published {f['published_first']} to {f['published_last']}" if f["published_first"] else ""
    click.echo(f"articles   {f['articles']} ({f['analysed']} analysed, {f['quarantined']} quarantined, "
               f"{f['duplicates']} near-duplicates){span}")
    click.echo(f"  dated by  {counts(f['dated_by'])}")
    click.echo(f"stories    {f['stories']}")
    click.echo(f"entities   {f['entities']} ({counts(f['entities_by_type'])})")
    dated = f" from {f['first_date']} to {f['last_date']}" if f["first_date"] else ""
    click.echo(f"events     {f['events']} ({counts(f['events_by_status'])}){dated}")
    click.echo(f"  by type   {counts(f['events_by_type'])}")
    click.echo(f"quotes     {f['quotes']}")
    click.echo(f"conflicts  {f['conflicts']}")
    click.echo(f"inputs skipped {figures['inputs_skipped']}")


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
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the loopback by default: only this machine can connect).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Server processes (each reads the store on its own).")
def serve(db, host, port, workers):
    """Serve the store read-only: the web UI at / and the JSON API at /api/v1 (OpenAPI at /openapi.json)."""
    import uvicorn

    from .store import StoreError
    from .web.app import DB_ENV, create_app

    try:
        app = create_app(db)
    except (FileNotFoundError, StoreError, *_db_errors()) as exc:
        raise click.ClickException(str(exc) if str(db) in str(exc) else f"{db}: {exc}") from exc
    click.echo(f"storyline: serving {db} read-only at http://{host}:{port}/ (Ctrl-C stops)")
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    else:       # worker processes build their own application from the store's name
        os.environ[DB_ENV] = db
        uvicorn.run("storyline.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning")


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
