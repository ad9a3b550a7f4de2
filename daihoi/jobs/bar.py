"""A progress bar for the command line: one line redrawn on a terminal, plain lines otherwise.

Called as a progress callback `bar(label, done, total)`, like the web jobs' one.
No Django here, so any command (or script) can use it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any, TextIO

from daihoi.core.numbers import vn_int

INTERRUPTED = "Đã hủy (Ctrl-C); không có gì được ghi vào cơ sở dữ liệu."


def number(value: float) -> str:
    """Write a count the Vietnamese way: 12.345."""
    return vn_int(round(value))


def duration(seconds: float) -> str:
    """Write a duration as m:ss or h:mm:ss."""
    whole = max(0, math.ceil(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def line(label: str, done: int, total: int, elapsed: float, width: int = 24) -> str:
    """One line of progress: label, bar, percent, count, rate and time left."""
    parts = [label]
    rate = done / elapsed if elapsed > 0 else 0.0
    if total > 0:
        share = min(1.0, done / total)
        filled = int(share * width)
        parts.append("[" + "#" * filled + "." * (width - filled) + "]")
        parts.append(f"{share * 100:5.1f}%".replace(".", ","))
        parts.append(f"{number(done)}/{number(total)}")
    else:
        parts.append(number(done))
    if rate > 0:
        parts.append(f"{number(rate)}/giây")
        if total > done:
            parts.append(f"còn {duration((total - done) / rate)}")
    return "  ".join(parts)


class Bar:
    """A progress callback drawing on `stream` (stderr, so stdout stays clean for pipes)."""

    def __init__(
        self,
        stream: TextIO,
        *,
        tty: bool | None = None,
        interval: float = 0.1,
        plain_interval: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        # A terminal is redrawn often; a log file gets a line every few seconds.
        self.interval = interval if self.tty else plain_interval
        self.clock = clock
        self.label: str | None = None
        self.started = 0.0
        self.drawn = -math.inf
        self.open = False  # a redrawn line is on screen without its newline
        self.width = 0

    def __call__(self, label: str, done: int, total: int) -> None:
        now = self.clock()
        if label != self.label:
            self.close()
            self.label, self.started, self.drawn = label, now, -math.inf
        final = total > 0 and done >= total
        if not final and now - self.drawn < self.interval:
            return
        self.drawn = now
        text = line(label, done, total, now - self.started)
        if self.tty:
            # Pad over the rest of a longer previous line.
            self.stream.write("\r" + text.ljust(self.width))
            self.width = len(text)
            self.open = not final
            if final:
                self.stream.write("\n")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        """End a line left open (a phase that stopped short, or an interruption)."""
        if self.open:
            self.stream.write("\n")
            self.stream.flush()
            self.open = False
        self.width = 0


def for_command(command: Any) -> Bar:
    """A bar on a management command's stderr (the raw stream: its wrapper adds newlines)."""
    return Bar(command.stderr._out)
