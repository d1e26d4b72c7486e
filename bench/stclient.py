"""A Streamlit client without a browser: one session over ``/_stcore/stream`` with Streamlit's own protobufs.

What the browser does, reduced to what costs the server work: open the websocket (after a GET of the page, so a
load balancer's sticky cookie comes along), send ``BackMsg.rerun_script`` with a ``ClientState`` (page, query
string, widget states) and read ``ForwardMsg``s until ``script_finished``. The widgets are found in the deltas of
a run, by their label, with the id and the options the server gave them; the pages from the ``navigation``
message. Nothing is rendered.

The protocol is Streamlit's internal one. :data:`STREAMLIT_RANGE` is the range it was written against; outside it,
or when a message no longer has the fields used here, :class:`ProtocolError` says so instead of measuring nonsense.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import streamlit
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

STREAMLIT_RANGE = ((1, 67), (1, 68))  # written and checked against 1.67.x
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class ProtocolError(RuntimeError):
    """The server spoke a protocol this client does not know (another Streamlit version)."""


def check_version(version: str = streamlit.__version__) -> None:
    """Refuse a Streamlit outside the range this client was checked against."""
    major_minor = tuple(int(p) for p in version.split(".")[:2])
    low, high = STREAMLIT_RANGE
    if not low <= major_minor < high:
        raise ProtocolError(f"bench/stclient.py is geschreven voor Streamlit {low[0]}.{low[1]}.x; hier draait {version}. "
                            "Controleer het protocol (BackMsg, ClientState, ForwardMsg) en pas STREAMLIT_RANGE aan.")


@dataclass
class Widget:
    """A widget as the server described it in a delta."""

    id: str
    kind: str  # 'selectbox' or 'slider'
    label: str
    options: list = field(default_factory=list)  # selectbox: the option labels; slider: [min, max]
    value: object = None

    def state(self) -> WidgetState:
        state = WidgetState(id=self.id)
        if self.kind == "selectbox":
            state.string_value = str(self.value)
        elif self.kind == "slider":
            state.double_array_value.data.extend(float(v) for v in self.value)
        else:
            raise ProtocolError(f"widget van onbekende soort {self.kind}")
        return state


@dataclass
class Run:
    """One script run as the client saw it."""

    seconds: float
    status: int | None
    deltas: int
    elements: dict[str, int]
    exceptions: list[str]
    errors: list[str]
    bytes: int
    headings: list[str] = field(default_factory=list)


def _element_widgets(element) -> Widget | None:
    kind = element.WhichOneof("type")
    if kind == "selectbox":
        box = element.selectbox
        if box.HasField("raw_value"):
            value = box.raw_value
        else:
            value = box.options[box.default] if box.HasField("default") and box.options else None
        return Widget(box.id, kind, box.label, list(box.options), value)
    if kind == "slider":
        slider = element.slider
        value = list(slider.value) if slider.set_value else list(slider.default)
        return Widget(slider.id, kind, slider.label, [slider.min, slider.max], value)
    return None


class Session:
    """One virtual reader: a websocket, the widgets of the last run, the pages of the app."""

    def __init__(self, base_url: str, timeout: float = 120) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.widgets: dict[str, Widget] = {}
        self.pages: dict[str, str] = {}  # url path name -> page_script_hash
        self.page_hash = ""
        self._ws = None

    async def connect(self, path: str = "") -> None:
        """GET the page as a browser would (and keep its cookies), then open the websocket."""
        cookie = await asyncio.to_thread(self._get_cookies, path)
        ws_url = self.base_url.replace("http", "ws", 1) + "/_stcore/stream"
        headers = {"Origin": self.base_url}
        if cookie:
            headers["Cookie"] = cookie
        self._ws = await websockets.connect(ws_url, subprotocols=["streamlit"], additional_headers=headers,
                                            max_size=None, open_timeout=self.timeout, ping_interval=None)

    def _get_cookies(self, path: str) -> str:
        with urllib.request.urlopen(f"{self.base_url}/{path}", timeout=self.timeout) as response:
            response.read()
            cookies = response.headers.get_all("Set-Cookie") or []
        return "; ".join(c.split(";", 1)[0] for c in cookies)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()

    async def run(self, page: str | None = None, query: str = "", widgets: dict[str, object] | None = None) -> Run:
        """Rerun the script: on ``page`` (a url path name; None stays on the current page) with ``query`` and
        the widget values in ``widgets`` (by label; the others keep the value of the last run)."""
        for label, value in (widgets or {}).items():
            if label not in self.widgets:
                raise ProtocolError(f"geen widget met label {label!r}; wel: {sorted(self.widgets)}")
            self.widgets[label].value = value
        state = ClientState(query_string=query)
        if page is not None:
            state.page_name = page
            state.page_script_hash = self.pages.get(page, "")
        else:
            state.page_script_hash = self.page_hash
        state.widget_states.widgets.extend(w.state() for w in self.widgets.values())
        state.context_info.timezone = "Europe/Amsterdam"
        state.context_info.locale = "nl-NL"
        state.context_info.url = f"{self.base_url}/{page or ''}"
        message = BackMsg(rerun_script=state)
        start = time.perf_counter()
        await self._ws.send(message.SerializeToString())
        return await asyncio.wait_for(self._read_run(start), self.timeout)

    async def _read_run(self, start: float) -> Run:
        widgets: dict[str, Widget] = {}
        elements: dict[str, int] = {}
        exceptions: list[str] = []
        errors: list[str] = []
        headings: list[str] = []
        deltas = size = 0
        while True:
            raw = await self._ws.recv()
            size += len(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind is None:
                raise ProtocolError("een ForwardMsg zonder type: het protocol is veranderd")
            if kind == "ref_hash":
                raise ProtocolError("de server stuurde een verwijzing naar een bewaard bericht; deze client bewaart niets")
            if kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "navigation":
                self.page_hash = msg.navigation.page_script_hash
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            elif kind == "delta":
                deltas += 1
                if msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element
                    name = element.WhichOneof("type")
                    elements[name] = elements.get(name, 0) + 1
                    widget = _element_widgets(element)
                    if widget is not None:
                        widgets[widget.label] = widget
                    elif name == "exception":
                        exceptions.append(f"{element.exception.type}: {element.exception.message}")
                    elif name == "alert" and element.alert.format == element.alert.ERROR:
                        errors.append(element.alert.body)
                    elif name == "heading":
                        headings.append(element.heading.body)
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                seconds = time.perf_counter() - start
                for label, widget in widgets.items():
                    if label in self.widgets:  # keep what the reader chose; the server's echo may lag
                        widget.value = self.widgets[label].value if self.widgets[label].id == widget.id else widget.value
                self.widgets = widgets
                return Run(seconds, msg.script_finished, deltas, elements, exceptions, errors, size, headings)


def run_blocking(coroutine):
    """Run ``coroutine`` to its end in a thread of its own and return its result: also from code that already
    has an event loop running (a test session with Playwright's sync API, say)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def page_query(widgets: dict[str, Widget], keys: dict[str, str]) -> str:
    """The query string a browser shows for these widget values (``keys``: label -> query parameter)."""
    pairs: list[tuple[str, str]] = []
    for label, key in keys.items():
        widget = widgets.get(label)
        if widget is None:
            continue
        if widget.kind == "slider":
            pairs.extend((key, str(int(v))) for v in widget.value)
        else:
            pairs.append((key, str(widget.value)))
    return urllib.parse.urlencode(pairs)
