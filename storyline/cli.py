"""The `storyline` command: a thin click layer over the Python API."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
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
def build(paths, db, model, config_file, workers, dask_scheduler, progress, as_json):
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
    if dask_scheduler:
        cfg.dask_scheduler = dask_scheduler
    from . import api

    def run(show):
        from .runner import DaskError, require_dask

        try:
            if cfg.dask_scheduler:
                require_dask()                 # missing dask: say so before reading any input
            return api.build(list(paths), db=db, config=cfg, progress=show)
        except DaskError as exc:       # about the cluster, not the store: no db prefix
            raise click.ClickException(str(exc)) from None

    _report(run, db, progress, as_json)


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
        disputed = s.disputed()
        for e in s.timeline(story=story, min_sources=min_sources, include_speech=include_speech):
            if e.story != current and not story:
                current = e.story
            who = ", ".join(names.get(p, p) for p in e.participants)
            where = f" @ {names.get(e.place, e.place)}" if e.place else ""
            status = "" if e.status == "occurred" else f" [{e.status}]"
            date = e.date + (f"..{e.date_end}" if e.date_end else "")
            doubt = " (disputed)" if e.id in disputed else ""
            click.echo(f"{date:<12} {e.type:<10}{status} {who}{where}  ({len(e.sources)} src, "
                       f"{stories.get(e.story, '')}){doubt}")
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
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "markdown", "md"]), default="json",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
def export(db, fmt, output):
    """Export the store: JSON (the documented contract), CSV of events, or Markdown."""
    from .export import FORMATS, check_output, write

    if output:
        try:
            check_output(output, db)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
    with _open(db) as s:
        text = FORMATS[fmt](s)
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
