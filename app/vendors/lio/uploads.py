"""Uploaded tables: ``rows(file_storage, field)`` reads a CSV or XLSX upload into a list of dicts keyed by
the header row (lead imports; exports/imports of other areas may reuse it). Never imports Flask: it takes
any object with ``filename``, ``mimetype`` and ``read()`` (werkzeug's FileStorage)."""

import csv
import io
import zipfile

from app.core.errors import Invalid

MAX_ROWS = 10_000
MAX_COLUMNS = 200
XLSX_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",)


def _bad(field, message):
    return Invalid({field: [message]})


def _kind(storage, data):
    name = (storage.filename or "").lower()
    if data[:4] == b"PK\x03\x04" or name.endswith(".xlsx") or storage.mimetype in XLSX_TYPES:
        return "xlsx"
    if name.endswith((".csv", ".txt")) or storage.mimetype in ("text/csv", "text/plain", "application/csv",
                                                             "application/vnd.ms-excel", "application/octet-stream"):
        return "csv"
    return None


def _csv(data, field):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _bad(field, "The CSV file must be UTF-8 text.") from None
    if "\x00" in text:
        raise _bad(field, "The file is not a CSV file.")
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise _bad(field, f"The CSV file cannot be read: {error}.") from None


def _xlsx(data, field):
    try:
        import openpyxl
    except ImportError:                                         # pragma: no cover - a declared dependency
        raise _bad(field, "XLSX files cannot be read by this sandbox; send CSV.") from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        table = []
        for values in sheet.iter_rows(values_only=True):
            table.append(["" if v is None else str(v) if not isinstance(v, float) or not v.is_integer() else
                          str(int(v)) for v in values])
            if len(table) > MAX_ROWS + 1:
                break
        book.close()
        return table
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError, EOFError) as error:
        raise _bad(field, f"The XLSX file cannot be read ({type(error).__name__}).") from None
    except Exception:                                           # openpyxl raises many kinds on hostile files
        raise _bad(field, "The XLSX file cannot be read.") from None


def rows(storage, field="file"):
    """The data rows of a CSV/XLSX upload as dicts {header: text} (blank rows skipped; cells stripped).
    422 naming ``field`` for an unreadable file, another type, no header row or over MAX_ROWS rows."""
    data = storage.read()
    if not data:
        raise _bad(field, "The file is empty.")
    kind = _kind(storage, data)
    if kind is None:
        raise _bad(field, "Send a CSV (.csv) or Excel (.xlsx) file.")
    table = _xlsx(data, field) if kind == "xlsx" else _csv(data, field)
    table = [[cell.strip() for cell in row] for row in table if any(cell.strip() for cell in row)]
    if not table:
        raise _bad(field, "The file has no header row.")
    header = [h.lower() for h in table[0]]
    if not any(header) or len(header) > MAX_COLUMNS:
        raise _bad(field, "The file has no header row.")
    body = table[1:]
    if len(body) > MAX_ROWS:
        raise _bad(field, f"The file has more than {MAX_ROWS} rows.")
    return [{name: (row[i] if i < len(row) else "") for i, name in enumerate(header) if name} for row in body]
