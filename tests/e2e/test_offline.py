"""A page fetches nothing but the dashboard itself and the PDOK map tiles: no fonts, icons or scripts of another
party (docs/DEPLOY.md promises this to the IT department and to the readers' privacy)."""

from __future__ import annotations

from urllib.parse import urlsplit

from helpers import open_page, problems

from ivb.site import PAGES

ALLOWED_ELSEWHERE = ("service.pdok.nl", "api.pdok.nl")  # the BRT-Achtergrondkaart of the camera map (static/)


def test_every_page_fetches_only_from_the_dashboard_and_pdok(server, page):
    own = urlsplit(server.url).netloc
    elsewhere: list[str] = []

    def check(request):
        url = urlsplit(request.url)
        if url.scheme in ("data", "blob") or url.netloc == own:
            return
        if not url.netloc.endswith(ALLOWED_ELSEWHERE):
            elsewhere.append(request.url)

    page.on("request", check)
    # Every request is aborted that leaves the machine: the test never depends on, or sends to, another party.
    page.route(lambda url: urlsplit(url).netloc != own, lambda route: route.abort())
    icons: set[str] = set()
    for spec in PAGES:
        open_page(page, server.url, spec.url_path)
        assert problems(page) == [], spec.file
        # The tab's icon as well: a browser may fetch it outside what the page's request events show.
        icons |= set(page.eval_on_selector_all('link[rel~="icon"]', "links => links.map(l => l.href)"))
    assert elsewhere == [], f"fetched from elsewhere: {sorted(set(elsewhere))}"
    assert icons and all(urlsplit(i).scheme == "data" or urlsplit(i).netloc == own for i in icons), icons
