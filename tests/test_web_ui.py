"""The web UI in a real browser: Debian's Chromium driven by Playwright (from PyPI, with the system
browser's path; no browser download). Skipped when Chromium or Playwright is missing, unless
STORYLINE_REQUIRE_BROWSER=1 (as in CI), which makes that a failure."""
from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

import storyline
from storyline.web import create_app

from .conftest import EXAMPLES, ROOT, write

CHROMIUM = os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium")
# Flags for a headless run that stays off the network (no updates, sync or QUIC probes) and works as root
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = ROOT / "docs" / "img" / "ui.png"     # the README's picture, made by test_story_timeline...
TIMEOUT_MS = 15_000

HOSTILE_TITLE = '<script>alert(1)</script> Tarnwick "><img src=x onerror=alert(1)> ferry vote'
HOSTILE_TEXT = ("Mayor Odile Brask met harbour master Emil Sauer in Tarnwick on Tuesday to settle the ferry "
                "timetable. <script>alert(1)</script> The two agreed to meet again in June. "
                '"><img src=x onerror=alert(1)> Residents were told to read the notice at '
                '<a href="javascript:alert(1)">the council page</a> before the vote.')


def _need_browser():
    missing = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "the playwright package is not installed"
    if missing is None and not os.path.exists(CHROMIUM):
        missing = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if missing:
        if os.environ.get("STORYLINE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required (STORYLINE_REQUIRE_BROWSER=1) but {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def ui_db(tmp_path_factory) -> str:
    _need_browser()
    d = tmp_path_factory.mktemp("ui")
    write(d / "hostile" / "hostile.jsonl", json.dumps({
        "id": "hostile-article", "url": "javascript:alert(1)", "title": HOSTILE_TITLE, "date": "2025-07-01",
        "text": HOSTILE_TEXT}) + "\n")
    db = str(d / "ui.db")
    storyline.build([EXAMPLES, d / "hostile"], db=db)
    return db


@pytest.fixture(scope="module")
def base_url(ui_db):
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(ui_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(base_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, tmp_path):
    """A fresh page that records console errors, uncaught exceptions and dialogs; a test fails on any
    error it did not expect."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.problems, pg.dialogs = [], []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.shots = tmp_path
    yield pg
    problems = list(pg.problems)
    context.close()
    assert not problems, problems


def _open_harbour_story(page, base_url):
    page.goto(base_url + "/")
    page.get_by_role("link", name="Teodora Vance / Rafael Osei / Lena Dragomir").click()
    page.wait_for_selector("svg.timeline g.ev")
    page.wait_for_selector("svg.network g.node")


def test_story_timeline_and_an_event_with_its_sentence_highlighted(page, base_url):
    page.goto(base_url + "/")
    page.wait_for_selector("table.stories")
    assert page.locator("table.stories tbody tr").count() >= 2
    page.screenshot(path=str(page.shots / "stories.png"))
    _open_harbour_story(page, base_url)
    drawn = page.locator("svg.timeline g.ev")
    assert drawn.count() >= 10
    lanes = {t.strip() for t in page.locator("svg.timeline text.lane-label").all_text_contents()}
    assert lanes == {"occurred", "planned", "cancelled", "uncertain"}
    assert page.locator("svg.timeline g.ev-planned").count() >= 1         # drawn apart from the occurred
    # open the 14 May meeting with the keyboard: focus it, press Enter
    meeting = page.locator('svg.timeline g.ev[aria-label^="2025-05-14 meet"]').first
    meeting.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".columns mark")
    event_id = meeting.get_attribute("data-id")
    ev = page.request.get(f"{base_url}/api/v1/events/{event_id}").json()
    assert page.locator(".columns .column").count() == len(ev["articles"]) >= 2
    marks = page.locator(".columns mark").all_text_contents()
    assert marks and all(m in [s["sentence"] for s in ev["sources"]] for m in marks)
    assert set(marks) == {s["sentence"] for s in ev["sources"]}
    # the README's picture: the timeline with the event's sources side by side beneath it
    page.screenshot(path=str(page.shots / "story.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1366, "height": 1450})
    if not SCREENSHOT.exists() or os.environ.get("STORYLINE_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page.shots / "story.png", SCREENSHOT)
    assert Path(page.shots / "story.png").stat().st_size > 10_000


def test_the_timeline_zooms_and_pans(page, base_url):
    _open_harbour_story(page, base_url)
    shown = lambda: page.locator(".tl-range").text_content()   # noqa: E731
    whole = shown()
    page.get_by_role("button", name="+").click()
    zoomed = shown()
    assert zoomed != whole
    page.get_by_role("button", name="\u2192").click()
    assert shown() != zoomed
    box = page.locator("svg.timeline").bounding_box()
    before = shown()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 15)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 200, box["y"] + 15, steps=5)
    page.mouse.up()
    assert shown() != before
    before = shown()
    page.mouse.wheel(0, 400)
    page.wait_for_function("prev => document.querySelector('.tl-range').textContent !== prev", arg=before)
    page.get_by_role("button", name="Fit").click()
    assert shown() == whole


def test_from_the_network_to_the_timeline_and_an_entity_page(page, base_url):
    _open_harbour_story(page, base_url)
    everyone = page.locator("svg.timeline g.ev").count()
    page.locator("svg.network g.node", has_text="Lena Dragomir").click()
    page.wait_for_selector(".chip")
    page.wait_for_function("n => document.querySelectorAll('svg.timeline g.ev').length !== n", arg=everyone)
    page.wait_for_selector("svg.timeline g.ev")
    filtered = page.locator("svg.timeline g.ev")
    assert 0 < filtered.count() < everyone
    assert "entity=e-lena-dragomir" in page.url
    page.locator(".chip").get_by_role("link", name="open its page").click()
    page.wait_for_selector("h1")
    assert page.locator("h1").text_content() == "Lena Dragomir"
    assert page.locator("svg.roles rect").count() >= 1                     # roles over time
    assert page.locator("table.events tbody tr").count() >= 1
    page.screenshot(path=str(page.shots / "entity.png"))


def test_search_finds_entities_and_events(page, base_url):
    page.goto(base_url + "/")
    page.wait_for_selector("table.stories")
    page.fill("#q", "Osei")
    page.press("#q", "Enter")
    page.wait_for_selector("ul.results")
    assert page.get_by_role("link", name="Rafael Osei").count() >= 1
    assert page.locator("section", has_text="Events").locator("ul.results li").count() >= 1
    page.screenshot(path=str(page.shots / "search.png"))
    page.get_by_role("link", name="Rafael Osei").first.click()
    page.wait_for_selector("h1:text-is('Rafael Osei')")
    page.fill("#q", "no-such-thing-zz")
    page.press("#q", "Enter")
    page.wait_for_selector("text=No entity by that name.")


def test_a_hostile_article_is_shown_as_text(page, base_url):
    stored = page.request.get(f"{base_url}/api/v1/articles/hostile-article").json()
    assert stored["title"] == HOSTILE_TITLE                              # the markup reached the store as is
    assert "<script>alert(1)</script>" in stored["text"] and "onerror=alert(1)>" in stored["text"]
    page.goto(f"{base_url}/#/article/hostile-article")
    page.wait_for_selector("h1")
    assert page.locator("h1").text_content() == HOSTILE_TITLE
    body = page.locator(".article-text").text_content()
    assert body == stored["text"]
    assert page.locator("main script, main img, main iframe").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.get_by_text("javascript:alert(1)", exact=True).count() == 1  # the URL, as text
    # the same article among an event's sources
    story = stored["story"]
    page.goto(f"{base_url}/#/story/{story}")
    page.wait_for_selector("svg.timeline g.ev")
    page.locator("svg.timeline g.ev").first.click()
    page.wait_for_selector(".columns .column")
    column = page.locator(".columns .column", has_text="Tarnwick").first
    assert column.locator("h4").text_content() == HOSTILE_TITLE
    assert "<script>alert(1)</script>" in column.locator(".article-text").text_content()
    assert page.locator("main script, main img").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []
    page.screenshot(path=str(page.shots / "hostile.png"))


def test_a_dialog_would_be_seen(page, base_url):
    """Positive control for the hostile-article test: a dialog the page opens is recorded."""
    page.goto(base_url + "/")
    page.evaluate("setTimeout(() => alert('x'), 0)")
    page.wait_for_timeout(300)
    assert page.dialogs == ["x"]
