"""When the data cannot be read at all, or a build is published again, the reader is told the truth in Dutch.

Runs on the invented data of tests/fixtures.py (the ``invented`` fixture), never on data/.
"""

from __future__ import annotations

import json

import pytest
from fixtures import INVENTED, open_app, source_path

from ivb import config
from ivb.site import PAGES
from ivb.sources.build import build

NOT_SHOWN = "De cijfers zijn nu niet te tonen: het bestand CURRENT"


def _garbage(current):
    current.write_text("../../etc/passwd\n", encoding="ascii")


def _empty(current):
    current.write_text("", encoding="ascii")


def _binary(current):
    current.write_bytes(b"\xff\xfe\x00garbage")


def _directory(current):  # unreadable as a file (chmod 000 would not stop root, who runs the tests here)
    current.unlink()
    current.mkdir()


@pytest.mark.parametrize("damage", [_garbage, _empty, _binary, _directory], ids=lambda d: d.__name__.strip("_"))
def test_an_unreadable_current_gives_our_message_on_every_page_not_a_traceback(invented, damage):
    damage(invented / config.CURRENT_FILE)
    at = open_app()
    for page in PAGES:
        at.switch_page(page.file)
        at.run()
        assert not at.exception, f"{page.file}: {at.exception}"
        errors = [e.value for e in at.error]
        assert any(e.startswith(NOT_SHOWN) for e in errors), f"{page.file}: {errors}"
        assert not any(str(invented) in e or "etc/passwd" in e for e in errors), "a server path reached the reader"


@pytest.mark.parametrize("damage", [_garbage, _empty, _binary, _directory], ids=lambda d: d.__name__.strip("_"))
def test_the_rebuild_the_message_asks_for_repairs_a_damaged_current(invented, damage):
    damage(invented / config.CURRENT_FILE)
    result = build(invented / "bronnen", invented)
    assert config.tables_dir(invented) == invented / config.BUILDS_DIR / result.build_id
    at = open_app("pages/criminaliteit.py")
    assert not at.exception and not at.error


def test_the_dashboard_recovers_when_current_is_readable_again(invented):
    current = invented / config.CURRENT_FILE
    good = current.read_text(encoding="ascii")
    _garbage(current)
    assert any(e.value.startswith(NOT_SHOWN) for e in open_app("pages/criminaliteit.py").error)
    current.write_text(good, encoding="ascii")
    at = open_app("pages/criminaliteit.py")
    assert not at.exception and not at.error


def test_a_build_published_again_shows_its_new_date(invented):
    from ivb.queries.core import build_info

    # The same invented sources published, then another build, then the first sources again after the first build
    # directory was pruned: its manifest is new, and 'laatst bijgewerkt' must say the new date.
    first = build_info()
    sources = invented / "bronnen"
    source_path(sources, "bronnen").write_text(INVENTED["bronnen"].replace("Verzonnen nota A", "Herziene nota A"), encoding="utf-8")
    build(sources, invented)
    source_path(sources, "bronnen").write_text(INVENTED["bronnen"].replace("Verzonnen nota A", "Nogmaals herziene nota A"),
                                               encoding="utf-8")
    build(sources, invented)  # the first build directory is pruned now (the current and the previous one stay)
    assert not (invented / config.BUILDS_DIR / first["versie"]).exists()
    source_path(sources, "bronnen").write_text(INVENTED["bronnen"], encoding="utf-8")
    build(sources, invented)
    manifest_path = config.tables_dir(invented) / config.MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert manifest["versie"] == first["versie"]
    # The builds above ran within a second or two; the republished manifest says a moment of its own.
    manifest["gebouwd"] = "2031-02-03T04:05:06+00:00"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    assert build_info()["gebouwd"] == "2031-02-03T04:05:06+00:00"


def test_a_report_asked_for_during_a_rebuild_shows_the_build_of_its_page(invented):
    import io

    from pypdf import PdfReader

    from ivb.filters import Filters
    from ivb.queries import core
    from ivb.site import PAGES_BY_NAME
    from ivb.ui import downloads

    page_build = core.current()  # the build the reader's page was drawn from
    # Invented: a new build with other document titles is published before the reader clicks the report button.
    sources = invented / "bronnen"
    source_path(sources, "bronnen").write_text(INVENTED["bronnen"].replace("Verzonnen nota A", "Herziene nota A"), encoding="utf-8")
    build(sources, invented)
    pdf = downloads._report((PAGES_BY_NAME["criminaliteit"],), Filters(None, 2012, 2024), {}, "", page_build)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Verzonnen nota A" in text and "Herziene nota A" not in text
