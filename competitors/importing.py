"""Reading and validating an uploaded table of posts into a clean pandas DataFrame.

Everything here works on whole columns (pandas/numpy); Python only loops over the
distinct values of a column (a handful of platforms, accounts and formats) and over
the first problems it reports, so a file of a million rows is cleaned in seconds.
The database write lives in ``competitors.importer``; ``docs/import-format.md``
describes the format for people.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO

import numpy as np
import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _

from strategies.models import ContentFormat, Platform


class ImportRefused(Exception):
    """The file as a whole cannot be read; ``message`` is translated and meant for the person who uploaded it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


ImportProblem = ImportRefused


@dataclass(frozen=True)
class NativeColumn:
    name: str
    kind: str  # platform, text, datetime, format or count
    unit: str
    required: bool
    synonyms: str  # other headers we recognise, "|"-separated, in order of preference

    def headers(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms.split("|"))


# The native columns: a file with exactly these headers needs no mapping. Headers are
# compared after normalising (lower case, ё→е, punctuation and anything in brackets dropped).
NATIVE_COLUMNS: tuple[NativeColumn, ...] = (
    NativeColumn(
        "platform",
        "platform",
        "one of " + ", ".join(Platform.values) + ", or a common name such as Instagram, ВКонтакте, Telegram",
        True,
        "social network|network|social media|source|площадка|соцсеть|социальная сеть|платформа|сеть|источник",
    ),
    NativeColumn(
        "account",
        "text",
        "handle or name, up to 200 characters",
        True,
        "handle|username|profile|page|community|channel|author|аккаунт|профиль|страница|сообщество|группа|канал"
        "|паблик|имя пользователя|автор",
    ),
    NativeColumn(
        "published_at",
        "datetime",
        "date and time: ISO 8601, dd.mm.yyyy hh:mm, dd.mm.yyyy, an Excel date or serial number; "
        "without an offset it is local time (TIME_ZONE)",
        True,
        "published|publication date|date published|publish date|post date|posted at|posted|date and time|datetime"
        "|date|time|created at|created|дата публикации|время публикации|дата и время публикации|дата и время"
        "|дата поста|опубликовано|дата|время",
    ),
    NativeColumn(
        "format",
        "format",
        "one of " + ", ".join(ContentFormat.values) + ", or a common name such as Reels, Клипы, Фото, Карусель",
        False,
        "post format|content format|type|post type|content type|media type|формат|формат поста|формат публикации"
        "|тип|тип поста|тип публикации|тип контента",
    ),
    NativeColumn(
        "likes",
        "count",
        "count",
        False,
        "like|reactions|hearts|лайки|лайков|лайк|нравится|отметки нравится|реакции|реакций",
    ),
    NativeColumn("comments", "count", "count", False, "comment|replies|комментарии|комментариев|комменты|ответы"),
    NativeColumn(
        "shares",
        "count",
        "count",
        False,
        "share|reposts|repost|retweets|forwards|репосты|репостов|репост|поделились|пересылки|шеры",
    ),
    NativeColumn("views", "count", "count", False, "view|video views|plays|просмотры|просмотров|просмотры видео"),
    NativeColumn(
        "reach",
        "count",
        "count of unique accounts",
        False,
        "post reach|unique reach|охват|охват публикации|охват поста|уникальный охват",
    ),
    NativeColumn(
        "followers_at_post",
        "count",
        "count: the account's followers when the post was published",
        False,
        "followers|subscribers|members|audience|fans|подписчики|подписчиков|подписчики на момент публикации"
        "|участники|аудитория",
    ),
    NativeColumn(
        "post_id",
        "text",
        "the network's id of the post; re-imports recognise a post by it (or by its publication time)",
        False,
        "post id|id|external id|id поста|id публикации|идентификатор|ид",
    ),
    NativeColumn(
        "url",
        "text",
        "address of the post",
        False,
        "link|post url|permalink|ссылка|ссылка на пост|ссылка на публикацию|адрес",
    ),
)
COLUMNS: dict[str, NativeColumn] = {c.name: c for c in NATIVE_COLUMNS}
REQUIRED: tuple[str, ...] = tuple(c.name for c in NATIVE_COLUMNS if c.required)
COUNT_COLUMNS: tuple[str, ...] = tuple(c.name for c in NATIVE_COLUMNS if c.kind == "count")
MAX_ACCOUNT_LENGTH = 200
BIGINT_MAX = 2**63 - 1


def _normalise(text: object) -> str:
    text = str(text).replace("\ufeff", "").lower().replace("ё", "е")
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.split())


def _aliases(table: dict[str, str]) -> dict[str, str]:
    return {_normalise(alias): value for value, aliases in table.items() for alias in (value, *aliases.split("|"))}


PLATFORM_NAMES: dict[str, str] = _aliases(
    {
        "instagram": "insta|ig|инстаграм|инстаграмм",
        "facebook": "fb|фейсбук",
        "vk": "vkontakte|vk.com|вконтакте|вк",
        "ok": "odnoklassniki|ok.ru|одноклассники|ок",
        "tiktok": "tik tok|тикток",
        "youtube": "you tube|ютуб|ютьюб",
        "linkedin": "линкедин",
        "x": "twitter|x (twitter)|твиттер",
        "telegram": "tg|телеграм|телеграмм|тг",
    }
)
# "" is a kind of post we do not plan with (a link, a poll): stored with a blank format.
FORMAT_NAMES: dict[str, str] = _aliases(
    {
        "photo": "image|picture|фото|фотография|картинка|изображение",
        "carousel": "album|carousel album|carousel_album|gallery|карусель|альбом|галерея",
        "video": "видео",
        "short_video": "short video|reels|reel|clips|clip|shorts|клипы|клип|рилс|рилсы|короткое видео",
        "stories": "story|сторис|истории|история",
        "live": "live stream|livestream|stream|эфир|прямой эфир|трансляция",
        "podcast": "audio|подкаст|аудио",
        "longread": "article|long read|long-form text|статья|лонгрид",
        "text": "text|text post|post|status|текст|текстовый пост|пост|запись",
        "": "link|poll|ссылка|опрос",
    }
)


CSV_EXTENSIONS = {".csv", ".txt", ".tsv"}
XLSX_EXTENSIONS = {".xlsx", ".xlsm"}
_ZIP_MAGIC = b"PK\x03\x04"


# ---------------------------------------------------------------- reading


def read_table(file_obj: IO[bytes], filename: str) -> tuple[pd.DataFrame, list[str]]:
    """The file as a frame of strings (empty cells are ""), and its headers in file order.

    The index is the 0-based record number below the header, kept when blank rows are
    dropped, so ``index + 2`` is the row number a spreadsheet shows.
    """
    headers, chunks = iter_table(file_obj, filename, chunk_rows=None)
    frames = list(chunks)
    return (frames[0] if len(frames) == 1 else pd.concat(frames)), headers


def iter_table(
    file_obj: IO[bytes], filename: str, *, chunk_rows: int | None = 200_000
) -> tuple[list[str], Iterator[pd.DataFrame]]:
    """The headers, and the rows as ``read_table`` gives them in frames of ``chunk_rows`` rows.

    A worker can then clean and store one part while the next is parsed. A problem met further
    into the file raises ``ImportRefused`` from the iteration.
    """
    extension = PurePath(filename or "").suffix.lower()
    if extension == ".xls":
        raise ImportRefused(_("Old Excel files (.xls) cannot be read: save the file as .xlsx or .csv."))
    if extension not in CSV_EXTENSIONS | XLSX_EXTENSIONS:
        raise ImportRefused(
            _("Files of type “%(extension)s” cannot be imported: upload a .csv or .xlsx file.")
            % {"extension": extension or filename}
        )
    if hasattr(file_obj, "seek"):
        file_obj.seek(0)
    data = file_obj.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data.strip(b" \t\r\n\x00").removeprefix(codecs.BOM_UTF8).strip():
        raise ImportRefused(_("The file is empty."))
    if extension in XLSX_EXTENSIONS or data.startswith(_ZIP_MAGIC):
        frame = _read_xlsx(data)
        step = chunk_rows or max(len(frame), 1)
        frames: Iterator[pd.DataFrame] = (frame.iloc[i : i + step] for i in range(0, max(len(frame), 1), step))
    else:
        frames = _read_csv(data, chunk_rows)
    first = next(frames)
    return [str(h) for h in first.columns], _rows_only(itertools.chain([first], frames))


def _rows_only(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    rows = 0
    for frame in frames:
        blank = (frame.iloc[:, 0] == "").to_numpy().copy()  # only rows starting with an empty cell can be blank
        if blank.any():
            blank[blank] = (frame.loc[blank] == "").all(axis=1).to_numpy()
            frame = frame.loc[~blank]
        rows += len(frame)
        if len(frame):
            yield frame
    if not rows:
        raise ImportRefused(_("The file has no rows below the header."))


def _encoding(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(view), 1 << 20):
            decoder.decode(view[start : start + (1 << 20)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8-sig"


def _looks_binary(sample: str) -> bool:
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n")
    return "\x00" in sample or controls > len(sample) / 100


def _sniff_separator(sample: str) -> str:
    counts = dict.fromkeys(";\t,", 0)
    quoted = False
    for char in sample:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_csv(data: bytes, chunk_rows: int | None) -> Iterator[pd.DataFrame]:
    unreadable = _("The file is not a readable table: save it as CSV (UTF-8) or XLSX.")
    encoding = _encoding(data)
    try:
        sample = data[: 1 << 16].decode(encoding, errors="strict" if encoding == "cp1251" else "replace")
    except UnicodeDecodeError as error:
        raise ImportRefused(unreadable) from error
    sample = sample.lstrip("\ufeff")
    if encoding != "utf-16" and _looks_binary(sample):
        raise ImportRefused(unreadable)
    try:
        reader = pd.read_csv(
            io.BytesIO(data),
            sep=_sniff_separator(sample),
            encoding=encoding,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            chunksize=chunk_rows,
            iterator=True,
        )
    except pd.errors.EmptyDataError as error:
        raise ImportRefused(_("The file is empty.")) from error
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as error:
        raise ImportRefused(unreadable) from error
    return _parsed(reader, unreadable)


def _parsed(reader, unreadable: str) -> Iterator[pd.DataFrame]:
    start = 0
    with reader:
        while True:
            try:
                frame = reader.get_chunk() if reader.chunksize else reader.read()
            except StopIteration:
                return
            except pd.errors.ParserError as error:
                line = re.search(r"line (\d+)", str(error))
                if line:
                    raise ImportRefused(_more_cells(line.group(1))) from error
                raise ImportRefused(unreadable) from error
            except (UnicodeDecodeError, ValueError) as error:
                raise ImportRefused(unreadable) from error
            if not len(frame.columns):
                raise ImportRefused(_("The first row of the file must name the columns."))
            if not isinstance(frame.index, pd.RangeIndex):
                frame = _without_implicit_index(frame, start)
            start += len(frame)
            yield frame
            if not reader.chunksize:
                return


def _more_cells(row: object) -> str:
    return _("Row %(row)s has more cells than the header row.") % {"row": row}


def _without_implicit_index(frame: pd.DataFrame, start: int) -> pd.DataFrame:
    """Undo pandas' reading of a first row longer than the header as an index column, which shifts every cell.

    The cells past the header are allowed when empty (a separator at the end of each line, as
    some exports write) and refused otherwise.
    """
    width = len(frame.columns)
    cells = frame.reset_index(allow_duplicates=True)  # the cells in file order again, the last past the header
    filled = (cells.iloc[:, width:].astype(str) != "").any(axis=1).to_numpy()
    if filled.any():
        raise ImportRefused(_more_cells(start + int(filled.argmax()) + 2))
    cells = cells.iloc[:, :width].set_axis(frame.columns, axis=1)
    cells.index = pd.RangeIndex(start, start + len(cells))
    return cells


def _cell_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int | float):
        if "%" in (cell.number_format or ""):
            return f"{value * 100:g}%"
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value) if isinstance(value, float) else str(value)
    return str(value)


def _unique_headers(raw: Iterable[str]) -> list[str]:
    seen: dict[str, int] = {}
    headers = []
    for position, header in enumerate(raw):
        name = header.strip() or f"Unnamed: {position}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        headers.append(name)
    return headers


def _read_xlsx(data: bytes) -> pd.DataFrame:
    from openpyxl import load_workbook

    unreadable = _("The file could not be read as an Excel workbook (.xlsx).")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zip, XML and key errors alike for a broken workbook
        raise ImportRefused(unreadable) from error
    try:
        if not workbook.worksheets:
            raise ImportRefused(_("The file is empty."))
        rows = workbook.worksheets[0].iter_rows()
        header_cells = next(rows, None)
        if header_cells is None:
            raise ImportRefused(_("The file is empty."))
        headers = [_cell_text(cell) for cell in header_cells]
        while headers and not headers[-1].strip():
            headers.pop()
        if not headers:
            raise ImportRefused(_("The file is empty."))
        width = len(headers)
        body = []
        for cells in rows:
            texts = [_cell_text(cell) for cell in cells[:width]]
            if len(texts) < width:
                texts.extend([""] * (width - len(texts)))
            body.append(texts)
    except ImportRefused:
        raise
    except Exception as error:  # a sheet's XML is only parsed while its rows are read
        raise ImportRefused(unreadable) from error
    finally:
        workbook.close()
    while body and not any(body[-1]):
        body.pop()
    return pd.DataFrame(body, columns=_unique_headers(headers), dtype=str)


# ---------------------------------------------------------------- headers


def suggest_mapping(headers: Iterable[str]) -> dict[str, str]:
    """Our column → their header, for every column whose header we recognise."""
    headers = list(headers)
    normalised = [_normalise(h) for h in headers]
    taken: set[int] = set()
    mapping: dict[str, str] = {}
    for column in NATIVE_COLUMNS:
        for synonym in map(_normalise, column.headers()):
            match = next((i for i, n in enumerate(normalised) if n == synonym and i not in taken), None)
            if match is not None:
                mapping[column.name] = headers[match]
                taken.add(match)
                break
    return mapping


def header_signature(headers: Iterable[str]) -> str:
    """Identifies a set of headers regardless of order and case, to remember an agency's mapping for it."""
    joined = "\n".join(sorted(_normalise(h) for h in headers))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def missing_required(mapping: Mapping[str, str]) -> list[str]:
    return [name for name in REQUIRED if not mapping.get(name)]


def mapping_problems(headers: Iterable[str], mapping: Mapping[str, str]) -> list[dict]:
    """What is wrong with a mapping for these headers, as problems on the header row (row 1)."""
    headers = set(headers)
    problems = []
    for name, column in COLUMNS.items():
        header = mapping.get(name)
        if header and header not in headers:
            message = _("The column “%(header)s” is not in the file.") % {"header": header}
            problems.append({"row": 1, "column": header, "message": message})
        elif not header and column.required:
            message = _("The required column “%(column)s” is not mapped.") % {"column": name}
            problems.append({"row": 1, "column": name, "message": message})
    return problems


# ---------------------------------------------------------------- cleaning


@dataclass
class CleanResult:
    frame: pd.DataFrame
    problems: list[dict] = field(default_factory=list)
    problem_count: int = 0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0


class _Problems:
    """Counts every problem but keeps only the first ``limit`` in file order."""

    def __init__(self, limit: int, index: pd.Index):
        self.limit = limit
        self.rows = np.asarray(index, dtype=np.int64) + 2
        self.count = 0
        self.found: list[tuple[int, int, str, str]] = []

    def add(self, mask, column: str, order: int, message: str | Callable[[int], str]) -> None:
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        self.count += len(positions)
        for position in positions[: self.limit]:
            text = message(position) if callable(message) else message
            self.found.append((int(self.rows[position]), order, column, text))

    def first(self) -> list[dict]:
        return [
            {"row": row, "column": column, "message": message}
            for row, _order, column, message in sorted(self.found)[: self.limit]
        ]


def _by_distinct(values: pd.Series, convert: Callable[[str], str | None]) -> tuple[np.ndarray, ...]:
    """Convert each distinct (stripped) value once: the converted column, where it failed, where it was blank."""
    codes, uniques = pd.factorize(values)
    stripped = [str(u).strip() for u in uniques]
    converted = [convert(u) if u else "" for u in stripped]
    table = np.array([("" if c is None else c) for c in converted] + [""], dtype=object)
    failed = np.array([c is None for c in converted] + [False], dtype=bool)
    blank = np.array([not u for u in stripped] + [True], dtype=bool)
    return table[codes], failed[codes], blank[codes]


def clean(raw: pd.DataFrame, mapping: Mapping[str, str], *, max_problems: int = 100) -> CleanResult:
    """Typed, validated columns from the raw strings; every problem found with its row and their header.

    The frame keeps ``raw``'s index. It is meant to be used only when ``problem_count`` is 0.
    """
    header_problems = mapping_problems(list(raw.columns), mapping)
    if header_problems:
        return CleanResult(_empty_frame(), header_problems[:max_problems], len(header_problems))
    problems = _Problems(max_problems, raw.index)
    order = {name: position for position, name in enumerate(COLUMNS)}
    present = {name: mapping[name] for name in COLUMNS if mapping.get(name)}

    frame = pd.DataFrame(index=raw.index)
    for name, column in COLUMNS.items():
        header = present.get(name)
        if header is None:
            frame[name] = _absent(column, raw.index)
            continue
        values = raw[header].astype(str)
        blank: np.ndarray | None = None
        if column.kind in ("platform", "format") or name == "account":
            names = PLATFORM_NAMES if column.kind == "platform" else FORMAT_NAMES
            convert = (
                (lambda v: v if len(v) <= MAX_ACCOUNT_LENGTH else None)
                if name == "account"
                else (lambda v, names=names: names.get(_normalise(v)))
            )
            frame[name], failed, blank = _by_distinct(values, convert)
            problems.add(failed, header, order[name], _value_message(name, values))
        elif column.kind == "datetime":
            frame[name] = parsed = _parse_datetimes(values)
            unreadable = parsed.isna().to_numpy()
            blank = unreadable & (values == "").to_numpy()
            if (unreadable & ~blank).any():
                blank[unreadable] = (values[unreadable].str.strip() == "").to_numpy()
            problems.add(unreadable & ~blank, header, order[name], _("not a date"))
        elif column.kind == "count":
            frame[name], faults = _parse_counts(values)
            for code, message in _COUNT_FAULTS.items():
                problems.add(faults == code, header, order[name], message())
        else:
            frame[name] = values.str.strip() if name == "post_id" else values
        if column.required and blank is not None:
            problems.add(blank, header, order[name], _("required value is missing"))
    for name in ("platform", "account", "format", "post_id", "url"):
        frame[name] = frame[name].astype(str)
    return CleanResult(frame, problems.first(), problems.count)


def _value_message(name: str, values: pd.Series) -> Callable[[int], str]:
    if name == "platform":
        return lambda p: _("unknown platform “%(value)s”") % {"value": values.iat[p].strip()}
    if name == "format":
        return lambda p: _("unknown format “%(value)s”") % {"value": values.iat[p].strip()}
    return lambda p: _("longer than %(limit)s characters") % {"limit": MAX_ACCOUNT_LENGTH}


def _absent(column: NativeColumn, index: pd.Index):
    if column.kind == "count":
        return pd.array([pd.NA] * len(index), dtype="Int64")
    if column.kind == "datetime":
        return pd.Series(pd.NaT, index=index, dtype="datetime64[ns, UTC]")
    return np.full(len(index), "", dtype=object)


def _empty_frame() -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(dtype=object) for name in COLUMNS})
    frame["published_at"] = pd.Series(dtype="datetime64[ns, UTC]")
    for name in COUNT_COLUMNS:
        frame[name] = pd.Series(dtype="Int64")
    return frame


_TZ_SUFFIX = r"\d:\d\d(?::\d\d(?:[.,]\d+)?)?\s*(?:Z|[+-]\d\d(?::?\d\d)?)$"
_DAY_FIRST_FORMATS = (
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y",
    "%d.%m.%y %H:%M",
    "%d.%m.%y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
)
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _parse_datetimes(values: pd.Series) -> pd.Series:
    """UTC datetimes (NaT where unreadable). Values without an offset are local time in settings.TIME_ZONE."""
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns, UTC]")
    present = values != ""
    if not present.any():
        return result
    try:
        iso = _plausible(pd.to_datetime(values, format="ISO8601", errors="coerce"))
    except (ValueError, TypeError):
        # naive and offset values mixed: parse the two kinds apart
        aware = values.str.contains(_TZ_SUFFIX, regex=True)
        iso = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns, UTC]")
        iso[aware] = _plausible(pd.to_datetime(values[aware], format="ISO8601", errors="coerce", utc=True))
        naive = _localise(_plausible(pd.to_datetime(values[~aware], format="ISO8601", errors="coerce")))
        iso[~aware] = naive
    if iso.dt.tz is None:
        iso = _localise(iso)
    iso[(values.str.len() < 8).to_numpy()] = pd.NaT  # a bare year or number is not a publication time
    result[:] = iso.dt.tz_convert("UTC").astype("datetime64[ns, UTC]")

    remaining = result.isna() & present
    for fmt in _DAY_FIRST_FORMATS:
        if not remaining.any():
            return result
        parsed = _plausible(pd.to_datetime(values[remaining], format=fmt, errors="coerce"))
        found = parsed.notna()
        if found.any():
            result[found[found].index] = _localise(parsed[found])
            remaining = result.isna() & present

    if remaining.any():
        serial = pd.to_numeric(values[remaining].str.replace(",", ".", regex=False), errors="coerce")
        plausible = serial.between(20_000, 80_000)  # 1954 to 2119
        if plausible.any():
            days = serial[plausible]
            stamps = _EXCEL_EPOCH + pd.to_timedelta((days * 86_400).round(), unit="s")
            result[days.index] = _localise(stamps)
    return result


_EARLIEST, _LATEST = pd.Timestamp("1900-01-01"), pd.Timestamp("2200-01-01")


def _plausible(stamps: pd.Series) -> pd.Series:
    """NaT for times no post was published at (31.12.9999, 0001-01-01), which nanoseconds cannot even hold."""
    wall = stamps.dt.tz_localize(None) if stamps.dt.tz is not None else stamps
    return stamps.where((wall >= _EARLIEST) & (wall < _LATEST))


def _localise(naive: pd.Series) -> pd.Series:
    naive = naive.astype("datetime64[ns]")
    return naive.dt.tz_localize(
        settings.TIME_ZONE, ambiguous=np.zeros(len(naive), dtype=bool), nonexistent="shift_forward"
    ).dt.tz_convert("UTC")


_FAULT_NOT_WHOLE, _FAULT_NEGATIVE, _FAULT_PERCENT, _FAULT_TOO_LARGE = 1, 2, 3, 4
_COUNT_FAULTS: dict[int, Callable[[], str]] = {
    _FAULT_NOT_WHOLE: lambda: _("not a whole number"),
    _FAULT_NEGATIVE: lambda: _("negative number"),
    _FAULT_PERCENT: lambda: _("percentages are not counts"),
    _FAULT_TOO_LARGE: lambda: _("number is too large"),
}
_SEPARATORS = r"[\s\u00a0\u202f\u2009'’]"
_NUMBER = re.compile(
    r"^(?P<number>\d+(?:[.,]\d+)*)(?P<suffix>k|к|тыс\.?|m|м|млн\.?|b|млрд\.?)?$",
    flags=re.IGNORECASE,
)
_THOUSANDS = r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+"
_MULTIPLIERS = {"k": 1e3, "к": 1e3, "тыс": 1e3, "m": 1e6, "м": 1e6, "млн": 1e6, "b": 1e9, "млрд": 1e9}


def _parse_counts(raw: pd.Series) -> tuple[pd.arrays.IntegerArray, np.ndarray]:
    """Non-negative whole numbers (nullable Int64) and a fault code per cell (0 where fine)."""
    values = raw.astype(str)
    n = len(values)
    faults = np.zeros(n, dtype=np.int8)
    numbers = np.zeros(n, dtype=np.int64)
    plain = (values.str.isdecimal() & (values.str.len() <= 18)).to_numpy()
    if plain.all():
        return pd.array(values.astype("int64").to_numpy(), dtype="Int64"), faults
    numbers[plain] = values[plain].astype("int64").to_numpy()
    rest = values[~plain].str.strip()
    empty = np.zeros(n, dtype=bool)
    empty[~plain] = (rest == "").to_numpy()
    tricky = rest[rest != ""]
    if len(tricky):
        positions = np.flatnonzero(~plain)[(rest != "").to_numpy()]
        parsed, codes = _parse_tricky_counts(tricky)
        numbers[positions] = parsed
        faults[positions] = codes
    result = pd.array(numbers, dtype="Int64")
    result[empty | (faults != 0)] = pd.NA
    return result, faults


def _parse_tricky_counts(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    compact = values.str.replace(_SEPARATORS, "", regex=True).str.lower()
    codes = np.full(len(values), _FAULT_NOT_WHOLE, dtype=np.int8)
    numbers = np.zeros(len(values), dtype=np.int64)
    parts = compact.str.extract(_NUMBER)
    number, suffix = parts["number"], parts["suffix"].fillna("").str.rstrip(".")
    matched = number.notna().to_numpy()

    whole = matched & (suffix == "").to_numpy()
    digits = number.where(whole, "")
    thousands = digits.str.fullmatch(_THOUSANDS).fillna(False).to_numpy(dtype=bool)
    digits = digits.where(~thousands, digits.str.replace(r"[.,]", "", regex=True))
    zero_fraction = digits.str.fullmatch(r"\d+[.,]0+").fillna(False).to_numpy(dtype=bool)
    digits = digits.where(~zero_fraction, digits.str.replace(r"[.,]0+$", "", regex=True))
    integer = whole & digits.str.fullmatch(r"\d+").fillna(False).to_numpy(dtype=bool)
    fits = integer & (digits.str.len() <= 18).to_numpy()
    numbers[fits] = digits[fits].astype("int64").to_numpy()
    codes[fits] = 0
    codes[integer & ~fits] = _FAULT_TOO_LARGE

    scaled = matched & (suffix != "").to_numpy()
    if scaled.any():
        amount = pd.to_numeric(number[scaled].str.replace(",", ".", regex=False), errors="coerce")
        product = (amount * suffix[scaled].map(_MULTIPLIERS)).round().to_numpy(dtype=float)
        readable = ~np.isnan(product)
        small = readable & (product <= BIGINT_MAX / 2)
        positions = np.flatnonzero(scaled)
        numbers[positions[small]] = product[small].astype(np.int64)
        codes[positions[small]] = 0
        codes[positions[readable & ~small]] = _FAULT_TOO_LARGE

    negative = compact.str.match(r"[-−–]\d").to_numpy(dtype=bool)
    codes[negative] = _FAULT_NEGATIVE
    codes[compact.str.endswith("%").to_numpy(dtype=bool)] = _FAULT_PERCENT
    return numbers, codes


# ---------------------------------------------------------------- identity


def post_keys(frame: pd.DataFrame, *, brand: str) -> pd.Series:
    """sha256 hex of brand|platform|account|post id (or the publication time, ISO 8601 in UTC to the second).

    ``brand`` names whose posts these are (the brand itself or one competitor), so the same
    file imported again, or for another competitor, is recognised.
    """
    if frame.empty:
        return pd.Series([], index=frame.index, dtype=object)
    published = frame["published_at"].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()
    iso = np.datetime_as_string(published.astype("datetime64[s]"), unit="s").tolist()
    sha256 = hashlib.sha256
    keys = [
        sha256(f"{brand}|{platform}|{account}|{post_id or published + '+00:00'}".encode()).hexdigest()
        for platform, account, post_id, published in zip(
            frame["platform"].tolist(), frame["account"].tolist(), frame["post_id"].tolist(), iso, strict=True
        )
    ]
    return pd.Series(keys, index=frame.index, dtype=object)


def describe_columns() -> list[dict[str, object]]:
    """The native columns for a help page: name, unit, required."""
    return [{"name": c.name, "unit": c.unit, "required": c.required} for c in NATIVE_COLUMNS]
