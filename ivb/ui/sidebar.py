"""The shared sidebar filters (wijk, jaren) and the choices on a page, bound to the link, and the navigation guard."""

from __future__ import annotations

import logging

import streamlit as st

from ivb import config, gemeente
from ivb.blocks import Choice
from ivb.content.wijk import filter_help
from ivb.filters import Filters, all_city
from ivb.queries import documents, geo
from ivb.queries.core import DataUnavailableError
from ivb.site import pages
from ivb.ui.text import GENERIC_ERROR, plain

log = logging.getLogger(__name__)

WIJK_KEY = "wijk"
JAAR_KEY = "jaar"
NAVIGATION_KEY = "_ivb_navigation"
_REROUTED_KEY = "_ivb_rerouted"  # a page file that ran alone has asked for app.py once


def _year_range() -> tuple[int, int]:
    # A cached query keyed by the data version: an import of a later year widens the slider at once.
    years = documents.available_years()
    return years[0], years[-1]


def sidebar_filters() -> None:
    """Create the wijk and jaar filters once, in the sidebar, bound to the URL.

    Streamlit drops a URL value that is not a valid option; we say so above the page,
    so a reader of a broken or tampered link knows why the view differs from the link.
    """
    with_wijken = gemeente.has(gemeente.WIJKEN)  # a gemeente without curated wijken has no wijk filter
    wijk_options = [all_city(), *wijk_names()] if with_wijken else [all_city()]
    wijk_help = _wijk_help() if with_wijken else ""
    _check_wijk_link(wijk_options)
    try:
        first, last = _year_range()
    except DataUnavailableError as exc:
        log.error("jarenfilter zonder gegevens: %s", exc, exc_info=True)
        first = last = None
        st.sidebar.error(plain(str(exc)))
    except Exception:
        log.exception("jarenfilter kon niet worden gemaakt")
        first = last = None
        st.sidebar.error(GENERIC_ERROR)
    raw_jaar = st.query_params.get_all(JAAR_KEY)
    if first is not None and raw_jaar and not _valid_years(raw_jaar, first, last):
        invalid_link_notice("de jaren", raw_jaar, f"alle jaren ({first}-{last})")
    with st.sidebar:
        st.header("Filters")
        if with_wijken:
            st.selectbox("Wijk", wijk_options, key=WIJK_KEY, bind="query-params", help=wijk_help or None)
            _indeling_caption()
        if first is not None:
            st.slider("Jaren", min_value=first, max_value=last, value=(first, last), key=JAAR_KEY, bind="query-params")
        st.caption("De filters staan in de link: kopieer de adresbalk om deze weergave te delen.")


def _wijk_help() -> str:
    """The order of the wijk list (ivb.content.wijk.filter_help); none when the geography cannot be read."""
    try:
        return filter_help()
    except Exception:
        log.exception("de uitleg bij het wijkfilter kon niet worden gemaakt")
        return ""


def wijk_names() -> list[str]:
    """The wijken a reader can choose (those with figures); none for a gemeente without curated wijken, or when its
    geography cannot be read (the pages then show the whole gemeente; the cause is in the log)."""
    if not gemeente.has(gemeente.WIJKEN):
        return []
    try:
        return geo.wijk_choices()["wijk"].tolist()
    except Exception:
        log.exception("wijkenlijst niet te lezen; alleen de hele gemeente")
        return []


def _indeling_caption() -> None:
    """Under the wijk filter: the indeling of a chosen wijk that exists in only one of them."""
    wijk = chosen_wijk()
    if not wijk:
        return
    try:
        indelingen = geo.all_wijken().get(wijk, "")
    except Exception:
        log.exception("wijkcodes niet te lezen")
        return
    if indelingen and " en " not in indelingen:
        st.caption(plain(f"{wijk} is een wijk van de {indelingen}."))


def _check_wijk_link(options: list[str]) -> None:
    """A wijk from the link that is not in the list: a wijk without figures, or of no indeling at all."""
    raw = st.query_params.get_all(WIJK_KEY)
    if not raw or (len(raw) == 1 and raw[0] in options):
        return
    try:
        known = geo.all_wijken()
    except Exception:
        log.exception("wijkcodes niet te lezen")
        known = {}
    if len(raw) == 1 and raw[0] in known:
        st.info(f"Voor de wijk '{plain(raw[0])}' ({plain(known[raw[0]])}) heeft het dashboard geen cijfers; u ziet nu "
                f"de cijfers van heel {gemeente.name()}.", icon=":material/info:")
        return
    invalid_link_notice("de wijk", raw, f"heel {gemeente.name()}")


def _valid_years(raw: list[str], first: int, last: int) -> bool:
    return len(raw) == 2 and all(r.strip().isdigit() and first <= int(r) <= last for r in raw)


def reader_choice(key: str) -> str | None:
    """The value the reader has for the choice ``key`` before its widget is drawn: the session's, else the link's."""
    if key in st.session_state:
        return str(st.session_state[key])
    raw = st.query_params.get_all(key)
    return raw[0] if len(raw) == 1 else None


def choice(option: Choice):
    """A choice on the page as a select box kept in the link under ``option.key``; a value in the link that is
    not one of the options is named in a notice (Streamlit drops it without a word)."""
    raw = st.query_params.get_all(option.key)
    allowed = {str(o) for o in option.options}
    if raw and not (len(raw) == 1 and raw[0] in allowed):
        invalid_link_notice(option.what, raw, str(option.default))
    return st.selectbox(option.label, option.options, index=option.options.index(option.default), key=option.key,
                        bind="query-params", help=option.help)


def invalid_link_notice(what: str, raw: list[str], fallback: str) -> None:
    """Say where the filter or choice stands that a value from the link does not exist and what is shown instead.

    ``what`` names the filter with its article ('de wijk', 'het vergelijkingsjaar').
    """
    shown = ", ".join(raw)[:60]
    st.warning(f"De link vraagt om {what} '{plain(shown)}', maar die kent het dashboard niet. U ziet nu {plain(fallback)}.",
               icon=":material/warning:")


def mark_navigation() -> None:
    """Called by app.py after st.navigation, so a page knows it runs inside the app."""
    st.session_state[NAVIGATION_KEY] = True


def navigation_pages() -> list:
    """The dashboard's pages for st.navigation, in the order of ivb.site."""
    return [st.Page(p.file, title=p.title, icon=p.icon, default=p.default) for p in pages()]


def ensure_navigation() -> None:
    """Rerun through app.py when Streamlit ran a page file on its own.

    The project keeps its page files in ``pages/``. Until a session has called st.navigation, Streamlit takes such a
    folder for its older multipage mode and runs a deep link (``/woonoverlast`` on a cold server) as that file alone:
    no navigation, no filters. Calling st.navigation ends that mode ("with st.navigation, the pages/ directory is
    ignored", Streamlit's documentation), so a page file run alone declares the navigation itself and reruns: the
    same URL then goes through app.py. At most once a session, so a Streamlit that keeps running the file alone
    cannot loop. tests/e2e/test_deep_link.py opens a deep link on a cold server and fails when this changes.
    """
    if st.session_state.get(NAVIGATION_KEY) or st.session_state.get(_REROUTED_KEY):
        return
    st.session_state[_REROUTED_KEY] = True
    st.navigation(navigation_pages(), position="hidden")
    st.rerun()


def chosen_wijk() -> str | None:
    """The wijk of the shared filter, None for the whole city."""
    wijk = st.session_state.get(WIJK_KEY, all_city())
    return None if wijk in (None, all_city()) else wijk


def choose_wijk(wijk: str | None) -> None:
    """Set the shared wijk filter from a callback (a click on the map); the URL follows the filter."""
    st.session_state[WIJK_KEY] = wijk or all_city()


def filters() -> Filters:
    """The current filter values (whole city and every year when a filter is not set)."""
    ensure_navigation()
    wijk = st.session_state.get(WIJK_KEY, all_city())
    jaren = st.session_state.get(JAAR_KEY)
    if not jaren:
        try:
            jaren = _year_range()
        except Exception:  # already reported by the sidebar on this run; the page still shows what it can
            log.warning("jaren zonder filter: alle jaren", exc_info=True)
            jaren = (config.FIRST_YEAR, config.LAST_YEAR)
    return Filters(None if wijk in (None, all_city()) else wijk, int(jaren[0]), int(jaren[1]))
