"""Mutation runs: with STORYLINE_MUTATE=<stage> set, one main stage is replaced by a stub returning nothing.

A test that still passes with the code it was written for stubbed out passes whatever that code does.
`benchmarks/mutation.py` runs the suite once per stage and reports the tests that survive.

Which tests are written for a stage is stated with the `stage` marker: `pytest.mark.stage("timex")`
on a test (or `pytestmark` on a module); the closest marker wins, so `pytest.mark.stage()` on a test
in a stage's module says it exercises some other function of that module. Each collected test carries
its stages as the junit property "stage", so a `--junitxml` report tells them apart.

With the variable unset nothing is patched: the hooks only register the marker and record properties.
"""
from __future__ import annotations

import importlib
import os
import sys

ENV = "STORYLINE_MUTATE"


def _empty_resolution(*_args, **_kwargs):
    from storyline.entities import Resolution

    return Resolution(entities=[], by_mention={}, kin={})


# stage -> (module, function, stub). Each stub returns an empty result of the function's return type.
STAGES = {
    "timex": ("storyline.time.timex", "tag", lambda *a, **k: []),                  # list[Timex]
    "events": ("storyline.events.extract", "extract", lambda *a, **k: []),         # list[EventMention]
    "entities": ("storyline.entities", "resolve", _empty_resolution),              # Resolution
    "merge": ("storyline.events.merge", "merge", lambda *a, **k: []),               # list[Event]
    "stories": ("storyline.stories", "group", lambda *a, **k: {}),                  # dict[article, story]
}

_PREFIXES = ("storyline", "tests", "benchmarks")
_patched: list[tuple[object, str, object]] = []        # (module, attribute, original) to restore
_state: dict[str, object] = {}


def _sweep(original, stub) -> int:
    """Point every reference to `original` in the project's loaded modules at `stub`: the defining
    module's attribute and every `from x import y` copy of it."""
    n = 0
    for name, mod in list(sys.modules.items()):
        if mod is None or not name.startswith(_PREFIXES):
            continue
        for attr, value in list(vars(mod).items()):
            if value is original:
                setattr(mod, attr, stub)
                _patched.append((mod, attr, original))
                n += 1
    return n


def activate(stage: str) -> int:
    if stage not in STAGES:
        raise ValueError(f"{ENV}={stage!r}: no such stage (one of {', '.join(STAGES)})")
    modname, func, stub = STAGES[stage]
    importlib.import_module("storyline.pipeline")        # load the modules that import the stages
    mod = importlib.import_module(modname)
    original = getattr(mod, func)
    _state.update(stage=stage, original=original, stub=stub)
    n = _sweep(original, stub)
    if getattr(mod, func) is not stub:
        raise RuntimeError(f"{modname}.{func} was not replaced")
    return n


def deactivate() -> None:
    while _patched:
        mod, attr, original = _patched.pop()
        setattr(mod, attr, original)
    _state.clear()


def stages_of(item) -> tuple[str, ...]:
    mark = item.get_closest_marker("stage")
    return tuple(mark.args) if mark else ()


# -- hooks (imported into tests/conftest.py) --------------------------------------------------------

def pytest_configure(config):
    config.addinivalue_line("markers", "stage(*names): the test is written for these main stages "
                                       "(timex, events, entities, merge, stories); see tests/mutate.py")
    stage = os.environ.get(ENV)
    if stage:
        _state["refs"] = activate(stage)


def pytest_report_header(config):
    if _state.get("stage"):
        modname, func, _ = STAGES[_state["stage"]]
        return f"mutation: {modname}.{func} stubbed to return nothing ({_state['refs']} references)"
    return None


def pytest_collection_modifyitems(session, config, items):
    if _state.get("stage"):        # test modules imported since: their `from x import y` copies too
        _state["refs"] = _state.get("refs", 0) + _sweep(_state["original"], _state["stub"])
    for item in items:
        for s in stages_of(item):
            if s not in STAGES:
                raise ValueError(f"{item.nodeid}: unknown stage {s!r}")
        item.user_properties.append(("stage", ",".join(stages_of(item))))


def pytest_unconfigure(config):
    deactivate()
