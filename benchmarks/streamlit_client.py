"""A minimal client of Streamlit's own websocket protocol, for load tests and for
checking what a server sends before login.

A browser tab talks to `streamlit run` over one websocket, `/_stcore/stream`, with
subprotocol "streamlit". Every frame is one binary protobuf: the client sends
`BackMsg`s (a `rerun_script` carrying the query string and the widget states), the
server answers each run with `ForwardMsg`s (`new_session`, `delta`s with the
elements, ...) and ends it with `script_finished`. This client sends what the
frontend sends and records what comes back; it never sends `cached_message_hashes`,
so every message arrives whole.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.MultiSelect_pb2 import MultiSelect
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect
from websockets.typing import Subprotocol

FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY


@dataclass
class Run:
    """What one script run sent back."""

    seconds: float
    status: int | None = None  # script_finished's status, None if the run never finished
    elements: list[tuple[str | None, Element]] = field(default_factory=list)  # (type name, element proto)
    messages: list[ForwardMsg] = field(default_factory=list)  # every ForwardMsg, as received
    bytes_received: int = 0

    @property
    def exceptions(self) -> list[str]:
        return [str(e.exception.message) for kind, e in self.elements if kind == "exception"]

    @property
    def errors(self) -> list[str]:
        """st.error bodies (the app's own error messages carry an error id)."""
        return [e.alert.body for kind, e in self.elements if kind == "alert" and e.alert.format == e.alert.ERROR]

    @property
    def ok(self) -> bool:
        return self.status == FINISHED and not self.exceptions and not self.errors


class Session:
    """One browser tab's session: `run()` asks for a rerun and waits for it to finish."""

    def __init__(self, url: str, *, open_timeout: float = 30) -> None:
        stream = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self._connection = connect(
            stream, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=open_timeout
        )
        self._ws = self._connection.__enter__()
        self.widgets: dict[str, object] = {}  # widget id -> latest element proto (multiselect, ...)
        self.states: dict[str, WidgetState] = {}  # widget id -> the value this client set
        self.query_string = ""

    def close(self) -> None:
        self._connection.__exit__(None, None, None)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def set_multiselect(self, widget_id: str, values: list[str]) -> None:
        state = WidgetState(id=widget_id)
        state.string_array_value.data.extend(values)
        self.states[widget_id] = state

    def run(self, timeout: float) -> Run:
        """Send a rerun with the current query string and widget states; wait for script_finished."""
        message = BackMsg()
        message.rerun_script.query_string = self.query_string
        message.rerun_script.page_script_hash = ""
        message.rerun_script.widget_states.widgets.extend(self.states.values())
        started = time.perf_counter()
        self._ws.send(message.SerializeToString())
        run = Run(seconds=0.0)
        deadline = started + timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                run.seconds = time.perf_counter() - started
                return run
            try:
                frame = self._ws.recv(timeout=remaining)
            except TimeoutError:
                continue
            forward = ForwardMsg()
            forward.ParseFromString(frame)
            run.bytes_received += len(frame)
            run.messages.append(forward)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                element_type = element.WhichOneof("type")
                run.elements.append((element_type, element))
                if element_type is None:
                    continue  # an element of no known type: nothing to track
                widget = getattr(element, element_type)
                if getattr(widget, "id", "").startswith("$$ID"):
                    self.widgets[widget.id] = widget
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
                    continue  # superseded by our own rerun request; wait for the real end
                run.status = forward.script_finished
                run.seconds = time.perf_counter() - started
                return run

    def multiselects(self) -> dict[str, MultiSelect]:
        """The multiselect widgets the last runs drew, by label."""
        return {w.label: w for w in self.widgets.values() if isinstance(w, MultiSelect)}
