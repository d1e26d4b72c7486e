"""Everything around the pages: the tab title, the page language, Streamlit's English chrome hidden or put
in Dutch, print styles, the copy buttons, keyboard-reachable scroll boxes and the footer.

The styles and scripts are constants: nothing from a URL or a file is ever put into them.
"""

from __future__ import annotations

import streamlit as st

from ivb import gemeente
from ivb.markup import plain
from ivb.site import PAGES_BY_NAME
from ivb.views.cite import freshness

# Streamlit's own labels that a reader or a screen reader meets, in Dutch. Buttons without words get a Dutch
# aria-label; a label that Streamlit sets again on a rerun is set again by the observer below.
_SCRIPT = """<script>
(() => {
  if (window.ivbChrome) return;
  window.ivbChrome = true;
  document.documentElement.lang = 'nl';
  const labels = {
    'Close sidebar': 'Zijbalk sluiten', 'Open sidebar': 'Zijbalk openen', 'Expand sidebar': 'Zijbalk openen',
    'Collapse sidebar': 'Zijbalk sluiten', 'Main menu': 'Menu', 'Fullscreen': 'Volledig scherm',
    'Close fullscreen': 'Volledig scherm sluiten', 'Show password text': 'Toon tekst', 'Clear all': 'Alles wissen',
    'Clear value': 'Wissen', 'Open': 'Openen', 'Close': 'Sluiten', 'App pages': "Pagina's van het dashboard",
  };
  const prefixes = [['Help for ', 'Uitleg bij '], ['Fullscreen: ', 'Volledig scherm: ']];
  const texts = {'No results': 'Geen resultaten', 'No options to select.': 'Geen keuzes.'};
  const fix = () => {
    document.documentElement.lang = 'nl';
    for (const attr of ['aria-label', 'title']) {
      document.querySelectorAll('[' + attr + ']').forEach((e) => {
        const value = e.getAttribute(attr);
        const dutch = labels[value];
        if (dutch) e.setAttribute(attr, dutch);
        for (const [english, nl] of prefixes) {
          if (value.startsWith(english)) e.setAttribute(attr, nl + value.slice(english.length));
        }
      });
    }
    document.querySelectorAll('[data-testid="stSelectboxVirtualDropdownEmpty"], li[role="option"]').forEach((e) => {
      if (texts[e.textContent]) e.textContent = texts[e.textContent];
    });
    // Wide tables scroll sideways inside their box: a scroll box must be reachable with the keyboard (WCAG 2.1.1).
    document.querySelectorAll('[data-testid="stTable"] div').forEach((box) => {
      if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute('tabindex')) {
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', 'Tabel, horizontaal te scrollen');
      }
    });
  };
  new MutationObserver(fix).observe(document.body, {childList: true, subtree: true});
  window.addEventListener('resize', fix);
  fix();
  // 'Kopieer link' copies the address of this view; 'Kopieer citaat' the citation above the button.
  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
    } catch (error) {
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
  };
  document.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-ivb-copy]');
    if (!button) return;
    let text = window.location.href;
    if (button.dataset.ivbCopy === 'citation') {
      const box = button.closest('[data-testid="stPopoverBody"]') || document;
      const quote = box.querySelector('[data-testid="stMarkdownContainer"]');
      text = quote ? quote.innerText : '';
    }
    await copy(text);
    if (!button.dataset.ivbLabel) button.dataset.ivbLabel = button.textContent;  // the label before any click
    button.textContent = button.dataset.ivbCopy === 'citation' ? 'Citaat gekopieerd' : 'Link gekopieerd';
    clearTimeout(button.ivbTimer);
    button.ivbTimer = setTimeout(() => { button.textContent = button.dataset.ivbLabel; }, 2500);
  });
})();
</script>"""

_STYLE = """<style>
/* Streamlit's English chart toolbar ('Show data', fullscreen) and run status: each chart has its own Dutch
   downloads and table, and a rerun takes well under a second. */
[data-testid="stElementToolbar"], [data-testid="stStatusWidget"] { display: none !important; }
/* A caption with links (to the Begrippenlijst): Streamlit greys captions with opacity, which would take the links
   below WCAG contrast; this one is grey by colour (7:1) and its links are the theme's blue (8:1). */
[data-testid="stCaptionContainer"]:has(a) { opacity: 1 !important; color: #555555 !important; }
[data-testid="stCaptionContainer"] a { color: #1F4E8C !important; }
/* A tile's label wraps instead of being cut off. */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; }
.ivb-copy {
  font: inherit; font-size: 1rem; line-height: 1.6; padding: 0.25rem 0.75rem; min-height: 2.5rem;
  border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; background: #fff; color: #1a1a1a; cursor: pointer;
}
.ivb-copy:hover { border-color: #1F4E8C; color: #1F4E8C; }
.ivb-copy:focus-visible { outline: 2px solid #1F4E8C; outline-offset: 2px; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] { height: auto !important; overflow: visible !important; position: static !important; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stDownloadButton"],
  [data-testid="stPopover"], [data-testid="stPageLink"], .st-key-ivb-page-tools, .ivb-copy, iframe,
  [data-testid="stSkipLink"] { display: none !important; }
  [data-testid="stMain"] { margin: 0 !important; padding: 0 !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stVegaLiteChart"], [data-testid="stTable"], [data-testid="stMetric"] { break-inside: avoid; }
  [data-testid="stVegaLiteChart"] { max-width: 100% !important; overflow: hidden; }
  h1, h2, h3 { break-after: avoid; }
}
</style>"""


# The tab's icon, a shield in the theme's blue, inline: Streamlit sends an SVG as a data: URI, so no browser fetches it.
# A ':material/...' icon (ours, or a page's icon that Streamlit makes the tab's icon when none is set before the
# navigation) is fetched from fonts.gstatic.com on every page, which the dashboard promises not to do (docs/DEPLOY.md).
FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#1F4E8C" '
           'd="M12 2 4 5v6c0 5.1 3.4 9.8 8 11 4.6-1.2 8-5.9 8-11V5z"/></svg>')


def page_icon() -> None:
    """The tab's icon and the wide layout; app.py calls it before st.navigation, so no page icon becomes the tab's."""
    st.set_page_config(page_icon=FAVICON, layout="wide")


def page_chrome(page_title: str) -> None:
    """The tab title of the page ('Criminaliteit · IVB Zoetermeer'), and the Dutch chrome, styles and scripts."""
    st.set_page_config(page_title=f"{page_title} · IVB {gemeente.name()}")
    # One element for both (an element is a message on every run).
    st.sidebar.html(_STYLE + _SCRIPT, unsafe_allow_javascript=True)


def footer() -> None:
    """Under every page: when the data were last updated, and the pages a public website carries."""
    st.divider()
    st.caption(f"{freshness()} Gemeente {plain(gemeente.name())}, Integraal Veiligheidsbeleid.")
    with st.container(horizontal=True, key="ivb-footer"):
        for name in ("gegevensstatus", "colofon", "toegankelijkheid", "begrippenlijst"):
            spec = PAGES_BY_NAME[name]
            st.page_link(spec.file, label=spec.title, icon=spec.icon, query_params=_filter_params())


def _filter_params() -> dict:
    """The shared filters of the link, so a page of the footer keeps the reader's view when they come back."""
    return {key: st.query_params.get_all(key) for key in ("wijk", "jaar") if st.query_params.get_all(key)}
