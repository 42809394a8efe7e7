"""Ingest: read raw article files as bytes and turn them into text.

Nothing here writes anywhere; the raw folder is only ever read.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.config import MAX_FILE_BYTES

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


def scan_raw_folder(raw_dir: Path) -> tuple[list[str], list]:
    """Article files under ``raw_dir`` (recursively) as sorted relative paths, and the problems met.

    Skips the manifest, READMEs, licences, hidden files and hidden folders. A link (or a folder link)
    whose real path lies outside the corpus folder is never read: it is reported, named, and skipped.
    Links to files inside the folder are read like the files themselves.
    """
    from helpers.cleaning.manifest import Problem

    raw_dir = Path(raw_dir)
    root = raw_dir.resolve()
    found, problems = [], []
    for folder, subfolders, names in os.walk(raw_dir, followlinks=False):
        folder = Path(folder)
        for name in sorted(subfolders):
            path = folder / name
            if name.startswith("."):
                continue
            if path.is_symlink():
                subfolders.remove(name)  # never walk into a linked folder
                problems.append(Problem(path.relative_to(raw_dir).as_posix(), "a link to a folder: not followed; "
                                        "copy the articles into the corpus folder instead", skipped=True))
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            path = folder / name
            rel = path.relative_to(raw_dir).as_posix()
            if name.startswith(".") or NON_ARTICLE_NAMES.match(name):
                continue
            real = path.resolve()
            if root not in real.parents:
                problems.append(Problem(rel, "a link to a file outside the corpus folder: never read", skipped=True))
                continue
            if not real.is_file():
                problems.append(Problem(rel, "not a regular file (a broken link, a device or a pipe)", skipped=True))
                continue
            found.append(rel)
    return sorted(found), problems


def list_raw_files(raw_dir: Path) -> list[str]:
    """The article files :func:`scan_raw_folder` would read (without its problems)."""
    return scan_raw_folder(raw_dir)[0]


def article_id_of(file: str) -> str:
    """The ``article_id`` of a raw file: its path in the corpus folder without the extension."""
    return file.rsplit(".", 1)[0] if "." in Path(file).name else file


def read_raw_file(raw_dir: Path, file: str) -> RawFile:
    """Read ``file`` (relative to ``raw_dir``) as bytes and fingerprint it.

    Raises :class:`IngestError` for a file over :data:`helpers.config.MAX_FILE_BYTES` (it is not read)
    or one whose real path lies outside ``raw_dir``.
    """
    path = Path(raw_dir) / file
    real, root = path.resolve(), Path(raw_dir).resolve()
    if root not in real.parents:
        raise IngestError("a link to a file outside the corpus folder: never read")
    size = real.stat().st_size
    if size > MAX_FILE_BYTES:
        raise IngestError(f"{size / 1e6:,.1f} MB: larger than {MAX_FILE_BYTES / 1e6:,.0f} MB, so not one article; "
                          "not read (split it into articles, or raise MAX_FILE_BYTES in helpers/config.py)")
    data = real.read_bytes()
    return RawFile(path=path, file=file, data=data, sha256=hashlib.sha256(data).hexdigest())


def decode_bytes(data: bytes, declared: str | None = None, *, filename: str = "") -> DecodedText:
    """Decode article bytes to text, detecting the encoding and the format.

    Order of evidence: an explicit ``declared`` encoding (a manifest column);
    a byte-order mark; UTF-16 without a BOM (NUL bytes only in every other
    position); strict UTF-8; a ``<meta charset>`` in HTML; strict cp1252;
    latin-1 when it yields no control characters. A ``.txt`` file is plain text
    unless it is clearly a saved page (it starts like one). Raises
    :class:`IngestError` for empty, binary or undecodable input.
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
    plain = Path(filename).suffix.lower() in PLAIN_TEXT_SUFFIXES
    html = starts_like_a_page(text) if plain else looks_like_html(text)
    return DecodedText(text=text, encoding=encoding, format="html" if html else "text")


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
    """'utf-16-le' / 'utf-16-be' when the NUL bytes sit (almost) only on one side of each byte pair, else None.

    Latin text in UTF-16 has a NUL in every other byte; Chinese or Arabic text has NULs only where an
    ASCII space, digit or line break stands, but still all on the same side.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    if odd_nuls >= 2 and even_nuls <= 0.01 * odd_nuls:
        return "utf-16-le"
    if even_nuls >= 2 and odd_nuls <= 0.01 * even_nuls:
        return "utf-16-be"
    return None


PLAIN_TEXT_SUFFIXES = (".txt", ".text", ".md")


def starts_like_a_page(text: str) -> bool:
    """True when ``text`` is clearly markup: it begins with a doctype or an HTML tag, or tags are everywhere.

    What a ``.txt`` file must show to be read as HTML: prose that mentions ``<script>`` or ``<img>``
    stays plain text.
    """
    head = text.lstrip("\ufeff \t\r\n")[:200]
    if head.lower().startswith(("<!doctype", "<?xml")) or _HTML_TAG.match(head):
        return True
    tags = len(_HTML_TAG.findall(text[:20000]))
    return tags >= 5 and tags >= len(text[:20000].split()) / 100


def looks_like_html(text: str) -> bool:
    """True when ``text`` is HTML markup rather than plain text with a stray '<'."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype", "<html")):
        return True
    return len(_HTML_TAG.findall(text[:20000])) >= 2
