"""`$util.time.*`: the clock, ISO 8601, epoch conversions and Java `SimpleDateFormat` patterns."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from resolvers.util import environment

__all__ = ["TimeUtil", "format_java", "parse_java"]

_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_TOKEN = re.compile(r"'((?:[^']|'')*)'|''|([A-Za-z])\2*|[^A-Za-z']+")


def _zone(zone_id: str | None) -> tzinfo:
    """A Java zone id (`UTC`, `Australia/Perth`, `GMT+8`, `+05:30`) as a tzinfo.

    :raises ValueError: unknown zone id.
    """
    if zone_id is None or zone_id in ("UTC", "Z", "GMT"):
        return UTC
    match = re.fullmatch(r"(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?", zone_id)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
        from datetime import timezone

        return timezone(sign * delta)
    try:
        return ZoneInfo(zone_id)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ValueError(f"unknown time zone {zone_id!r}") from err


def _tokens(pattern: str) -> list[tuple[str, str]]:
    """(`letter`, `run`) for pattern fields, ("", text) for literals."""
    tokens: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(pattern):
        if match.group(1) is not None:
            tokens.append(("", match.group(1).replace("''", "'")))
        elif match.group(0) == "''":
            tokens.append(("", "'"))
        elif match.group(2):
            tokens.append((match.group(2), match.group(0)))
        else:
            tokens.append(("", match.group(0)))
    return tokens


def _offset_text(moment: datetime, style: str) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    if style == "Z":
        return f"{sign}{hours:02d}{mins:02d}"
    if minutes == 0:
        return "Z"
    if style == "X":
        return f"{sign}{hours:02d}" + (f"{mins:02d}" if mins else "")
    if style == "XX":
        return f"{sign}{hours:02d}{mins:02d}"
    return f"{sign}{hours:02d}:{mins:02d}"


def _field(moment: datetime, letter: str, count: int) -> str:
    if letter in "yY":
        return f"{moment.year % 100:02d}" if count == 2 else str(moment.year).zfill(count)
    if letter in "ML":
        if count >= 4:
            return _MONTHS[moment.month - 1]
        if count == 3:
            return _MONTHS[moment.month - 1][:3]
        return str(moment.month).zfill(count)
    numbers = {
        "d": moment.day,
        "H": moment.hour,
        "k": moment.hour or 24,
        "K": moment.hour % 12,
        "h": moment.hour % 12 or 12,
        "m": moment.minute,
        "s": moment.second,
        "S": moment.microsecond // 1000,
        "D": moment.timetuple().tm_yday,
        "u": moment.isoweekday(),
        "F": (moment.day - 1) // 7 + 1,
        "w": moment.isocalendar()[1],
    }
    if letter in numbers:
        return str(numbers[letter]).zfill(count)
    if letter == "E":
        day = _DAYS[moment.weekday()]
        return day if count >= 4 else day[:3]
    if letter == "a":
        return "AM" if moment.hour < 12 else "PM"
    if letter == "G":
        return "AD"
    if letter == "z":
        name = moment.tzname() or "UTC"
        return name
    if letter == "Z":
        return _offset_text(moment, "Z")
    if letter == "X":
        return _offset_text(moment, "X" * min(count, 3))
    raise ValueError(f"Illegal pattern character '{letter}'")


def format_java(moment: datetime, pattern: str) -> str:
    """`SimpleDateFormat(pattern).format(moment)` (US locale).

    :raises ValueError: a pattern letter Java does not know.
    """
    parts = []
    for letter, text in _tokens(pattern):
        parts.append(_field(moment, letter, len(text)) if letter else text)
    return "".join(parts)


_PARSE_FIELDS = {
    "y": r"(?P<y>\d{1,4})",
    "Y": r"(?P<y>\d{1,4})",
    "d": r"(?P<d>\d{1,2})",
    "H": r"(?P<H>\d{1,2})",
    "k": r"(?P<H>\d{1,2})",
    "h": r"(?P<h>\d{1,2})",
    "K": r"(?P<h>\d{1,2})",
    "m": r"(?P<m>\d{1,2})",
    "s": r"(?P<s>\d{1,2})",
    "S": r"(?P<S>\d{1,3})",
    "a": r"(?P<a>AM|PM|am|pm)",
    "E": r"(?:[A-Za-z]+)",
    "z": r"(?P<z>[A-Za-z][A-Za-z0-9/_+-]*)",
    "Z": r"(?P<Z>[+-]\d{4}|Z)",
    "X": r"(?P<Z>Z|[+-]\d{2}(?::?\d{2})?)",
    "D": r"(?:\d{1,3})",
    "u": r"(?:\d)",
    "G": r"(?:AD|BC)",
}


def parse_java(text: str, pattern: str, zone_id: str | None = None) -> datetime:
    """`SimpleDateFormat(pattern).parse(text)` with `zone_id` as the default zone.

    :raises ValueError: `text` does not match `pattern`.
    """
    regex = []
    for letter, run in _tokens(pattern):
        if not letter:
            regex.append(re.escape(run))
        elif letter in "ML":
            regex.append(r"(?P<M>[A-Za-z]+)" if len(run) >= 3 else r"(?P<M>\d{1,2})")
        elif letter in _PARSE_FIELDS:
            field = _PARSE_FIELDS[letter]
            if len(run) > 1 and letter in "ydHhmsSKk":
                field = field.replace(r"\d{1,", r"\d{" + str(len(run)) + ",")
            regex.append(field)
        else:
            raise ValueError(f"Illegal pattern character '{letter}'")
    try:
        match = re.fullmatch("".join(regex), text.strip())
    except re.error as err:
        raise ValueError(f"unsupported pattern {pattern!r}") from err
    if match is None:
        raise ValueError(f'Unparseable date: "{text}"')
    found = match.groupdict()
    month = found.get("M") or "1"
    month_number = (
        int(month)
        if month.isdigit()
        else [m[:3].lower() for m in _MONTHS].index(month[:3].lower()) + 1
    )
    hour = int(found.get("H") or 0)
    if found.get("h") is not None:
        hour = int(found["h"]) % 12 + (12 if (found.get("a") or "").upper() == "PM" else 0)
    year = int(found.get("y") or 1970)
    if found.get("y") is not None and len(found["y"]) <= 2:
        year += 2000
    zone: tzinfo = _zone(zone_id)
    if found.get("Z"):
        raw = found["Z"]
        zone = UTC if raw == "Z" else _zone(raw)
    elif found.get("z"):
        zone = _zone(found["z"])
    return datetime(
        year,
        month_number,
        int(found.get("d") or 1),
        hour,
        int(found.get("m") or 0),
        int(found.get("s") or 0),
        int(found.get("S") or 0) * 1000,
        tzinfo=zone,
    )


def _millis(moment: datetime) -> int:
    return (
        int(moment.timestamp() * 1000)
        if moment.microsecond % 1000 == 0
        else round(moment.timestamp() * 1000)
    )


def _from_millis(millis: Any, zone_id: str | None = None) -> datetime:
    if type(millis) is not int:
        raise ValueError(f"expected epoch milliseconds, got {millis!r}")
    return datetime.fromtimestamp(millis / 1000, tz=UTC).astimezone(_zone(zone_id))


def _iso(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class TimeUtil:
    """`$util.time`: everything reads the injectable clock in `resolvers.util.environment`."""

    vtl_name = "$util.time"

    def nowISO8601(self) -> str:
        return _iso(environment.current().now())

    def nowEpochSeconds(self) -> int:
        return int(environment.current().now().timestamp())

    def nowEpochMilliSeconds(self) -> int:
        return _millis(environment.current().now())

    def nowFormatted(self, pattern: str, zone_id: str | None = None) -> str:
        return format_java(environment.current().now().astimezone(_zone(zone_id)), pattern)

    def parseFormattedToEpochMilliSeconds(
        self, text: str, pattern: str, zone_id: str | None = None
    ) -> int:
        return _millis(parse_java(text, pattern, zone_id))

    def parseISO8601ToEpochMilliSeconds(self, text: str) -> int:
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return _millis(moment)

    def epochMilliSecondsToSeconds(self, millis: int) -> int:
        return millis // 1000

    def epochMilliSecondsToISO8601(self, millis: int) -> str:
        return _iso(_from_millis(millis))

    def epochMilliSecondsToFormatted(
        self, millis: int, pattern: str, zone_id: str | None = None
    ) -> str:
        return format_java(_from_millis(millis, zone_id), pattern)
