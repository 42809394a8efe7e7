"""Ingest: read raw article files as bytes and turn them into text.

Nothing here writes anywhere; the raw folder is only ever read.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

# Files in a corpus folder that are about the corpus, not articles in it.
NON_ARTICLE_NAMES = re.compile(r"^(manifest\.csv|aliases\.csv|readme(\..*)?|license(\..*)?|\..*)$", re.IGNORECASE)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"<(?:!doctype|html|head|body|p|div|span|br|article|section|main|h[1-6]|a|img|script|style|ul|ol|li|table)\b",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_C1_CONTROL = re.compile(r"[\x80-\x9f]")


class IngestError(ValueError):
    """A raw file that cannot be turned into article text; the message says why."""


@dataclass(frozen=True)
class RawFile:
    """One raw file as read from disk: its bytes and fingerprint."""

    path: Path
    file: str  # path relative to the corpus folder, with forward slashes
    data: bytes
    sha256: str

    @property
    def n_bytes(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from a raw file, with what was detected about it."""

    text: str
    encoding: str
    format: str  # "html" or "text"


def list_raw_files(raw_dir: Path) -> list[str]:
    """Article files under ``raw_dir`` (recursively), as sorted relative paths.

    Skips the manifest, READMEs, licences, hidden files and hidden folders.
    """
    raw_dir = Path(raw_dir)
    found = []
    for path in raw_dir.rglob("*"):
        rel = path.relative_to(raw_dir)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if NON_ARTICLE_NAMES.match(path.name):
            continue
        found.append(rel.as_posix())
    return sorted(found)


def read_raw_file(raw_dir: Path, file: str) -> RawFile:
    """Read ``file`` (relative to ``raw_dir``) as bytes and fingerprint it."""
    path = Path(raw_dir) / file
    data = path.read_bytes()
    return RawFile(path=path, file=file, data=data, sha256=hashlib.sha256(data).hexdigest())


def decode_bytes(data: bytes, declared: str | None = None) -> DecodedText:
    """Decode article bytes to text, detecting the encoding and the format.

    Order of evidence: an explicit ``declared`` encoding (a manifest column);
    a byte-order mark; UTF-16 without a BOM (NUL bytes in every other
    position); strict UTF-8; a ``<meta charset>`` in HTML; strict cp1252;
    latin-1 when it yields no control characters. Raises :class:`IngestError`
    for empty, binary or undecodable input.
    """
    if not data.strip():
        raise IngestError("empty file" if not data else "file holds only whitespace")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise IngestError(f"binary file ({what}), not article text")

    text, encoding = _decode(data, declared)
    if not text.strip():
        raise IngestError("empty file (no text after decoding)")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 200):
        raise IngestError(f"binary file ({controls} control characters in {len(text)} characters)")
    return DecodedText(text=text, encoding=encoding, format="html" if looks_like_html(text) else "text")


def _decode(data: bytes, declared: str | None) -> tuple[str, str]:
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except LookupError as err:
            raise IngestError(f"unknown encoding {declared!r} given in the manifest") from err
        except UnicodeDecodeError as err:
            raise IngestError(f"cannot be decoded as {declared} (the manifest's encoding): {err.reason}") from err

    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("-sig", "") + " with BOM"
            except UnicodeDecodeError as err:
                raise IngestError(f"undecodable: starts with a {codec} byte-order mark but {err.reason}") from err

    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise IngestError("binary file (contains NUL bytes), not article text")
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as err:
            raise IngestError(f"undecodable: looks like {codec} but {err.reason}") from err

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    meta = _META_CHARSET.search(data[:4096])
    if meta:
        name = meta.group(1).decode("ascii", "replace")
        try:
            return data.decode(name), codecs.lookup(name).name
        except (LookupError, UnicodeDecodeError):
            pass

    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    if _C1_CONTROL.search(text):
        raise IngestError(
            "undecodable: not valid UTF-8, UTF-16, cp1252 or latin-1 text "
            "(name the encoding in the manifest's 'encoding' column if you know it)"
        )
    return text, "latin-1"


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NULs sit in every other byte, else None."""
    if len(data) < 4:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    pairs = len(data) // 2
    if odd_nuls > 0.3 * pairs and even_nuls < 0.05 * pairs:
        return "utf-16-le"
    if even_nuls > 0.3 * pairs and odd_nuls < 0.05 * pairs:
        return "utf-16-be"
    return None


def looks_like_html(text: str) -> bool:
    """True when ``text`` is HTML markup rather than plain text with a stray '<'."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype", "<html")):
        return True
    return len(_HTML_TAG.findall(text[:20000])) >= 2
