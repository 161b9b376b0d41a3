"""Chart images for the pack: plotly figures rendered to PNG by kaleido on the system
Chromium (no network; plotly's kaleido v1 finds /usr/bin/chromium).

Starting Chromium costs seconds, so one sync server is started per process and reused
(≈0.3 s per image afterwards); :func:`render_png` starts it on first use.
"""

from __future__ import annotations

import atexit
import threading

import plotly.graph_objects as go

WIDTH, HEIGHT, SCALE = 1100, 480, 2
_lock = threading.Lock()
_started = False


class ChartRenderError(RuntimeError):
    """Chromium/kaleido could not draw a chart image."""


def _ensure_server() -> None:
    global _started
    with _lock:
        if not _started:
            import kaleido

            kaleido.start_sync_server(silence_warnings=True)
            atexit.register(kaleido.stop_sync_server, silence_warnings=True)
            _started = True


def render_png(fig: go.Figure, width: int = WIDTH, height: int = HEIGHT,
               scale: float = SCALE) -> bytes:
    """``fig`` as PNG bytes at ``width``×``height`` CSS pixels times ``scale``."""
    _ensure_server()
    import kaleido

    try:
        with _lock:  # one sync server: one render at a time
            return kaleido.calc_fig_sync(fig.to_dict(), opts={
                "format": "png", "width": width, "height": height, "scale": scale})
    except Exception as exc:  # kaleido raises several types; the pack needs one message
        raise ChartRenderError(f"차트 이미지를 만들지 못했습니다 (Chromium 확인 필요) / could "
                               f"not render a chart image (is Chromium installed?): {exc}") from exc
