"""Text that people type, made safe to store and to export: the one cleaning rule.

Control characters (C0: U+0000–U+001F and U+007F; C1: U+0080–U+009F) are invisible, mean
nothing in a note, a name or an account, and break things downstream: PostgreSQL refuses
a NUL in a text column, openpyxl refuses most of them in an .xlsx cell (one stored row
then stops every later export), and they can hide characters in the access log. Every
store calls :func:`clean_text` where text enters the database, and the Excel writers call
it again on the way out for rows stored before this rule existed.

Tab and newline are kept where text may have several lines (``multiline=True``: meeting
notes and actions); a carriage return there becomes a newline (CRLF → LF). In one-line
text (names, accounts, pages, purposes) tab, CR and LF become a space.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"\r\n?")
_BLANK = re.compile(r"[\t\r\n]")


def clean_text(value: object, multiline: bool = False) -> str:
    """``value`` as text without control characters (``None`` → ``""``); see the module
    docstring for what happens to tab, CR and LF."""
    text = "" if value is None else str(value)
    if multiline:
        return _CONTROL_MULTILINE.sub("", _LINE_BREAK.sub("\n", text))
    return _CONTROL.sub("", _BLANK.sub(" ", _LINE_BREAK.sub("\n", text)))


def has_control(value: str) -> bool:
    """True if ``value`` holds any control character (tab and newline included)."""
    return bool(_CONTROL.search(value))
