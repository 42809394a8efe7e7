"""Ingest: listing a corpus folder, reading bytes, and decoding them to exactly the right text."""

from __future__ import annotations

import codecs
import hashlib
import random

import pytest

from helpers.cleaning.ingest import IngestError, decode_bytes, list_raw_files, looks_like_html, read_raw_file

# Non-ASCII that mis-decoding mangles: curly double and single quotes, an accented name.
TEXT = (
    "Strike near Raqqa\n"
    "\n"
    "The ministry said the strike was “very successful” and that Raqqa’s defences had fallen.\n"
    "Ingy Sédky, of the Red Cross, said: “We are ready.”\n"
)
LATIN1_TEXT = "Ingy Sédky met reporters at a café in Damascus.\nShe said aid had arrived.\n"
CYRILLIC_BODY = "Российские военные сообщили, что удар мог убить лидера группировки."


def _undecodable_bytes() -> bytes:
    """Invalid UTF-8 that also holds the five bytes cp1252 leaves undefined."""
    return b"Caf\xc3 na\xefve text \x81\x8d\x8f\x90\x9d with more words after it.\n"


ENCODED = {
    "utf-8": TEXT.encode("utf-8"),
    "utf-8 with BOM": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "utf-16 (codec default, BOM)": TEXT.encode("utf-16"),
    "utf-16-le with BOM": codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    "utf-16-be with BOM": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    "utf-16-le without BOM": TEXT.encode("utf-16-le"),
    "utf-16-be without BOM": TEXT.encode("utf-16-be"),
    "utf-32 with BOM": TEXT.encode("utf-32"),
    "cp1252": TEXT.encode("cp1252"),
}
EXPECTED_ENCODING = {  # a word the detected encoding's name must contain
    "utf-8": "utf-8",
    "utf-8 with BOM": "utf-8",
    "utf-16 (codec default, BOM)": "utf-16",
    "utf-16-le with BOM": "utf-16",
    "utf-16-be with BOM": "utf-16",
    "utf-16-le without BOM": "utf-16",
    "utf-16-be without BOM": "utf-16",
    "utf-32 with BOM": "utf-32",
    "cp1252": "cp1252",
}


# --- decoding -----------------------------------------------------------------------------------


@pytest.mark.parametrize("label", list(ENCODED))
def test_decodes_to_the_exact_text(label):
    decoded = decode_bytes(ENCODED[label])
    assert decoded.text == TEXT
    assert EXPECTED_ENCODING[label] in decoded.encoding.lower()
    assert decoded.format == "text"


def test_cp1252_sample_really_is_cp1252_and_not_utf8():
    data = ENCODED["cp1252"]
    assert b"\x92" in data and b"\x93" in data and b"\x94" in data and b"\xe9" in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_cp1252_right_single_quote_is_not_mistaken_for_a_control_character():
    decoded = decode_bytes("Raqqa’s fall".encode("cp1252"))
    assert decoded.text == "Raqqa’s fall"
    assert "\x92" not in decoded.text


def test_utf8_bom_is_not_part_of_the_text():
    decoded = decode_bytes(codecs.BOM_UTF8 + "“Quote” first".encode())
    assert decoded.text == "“Quote” first"
    assert not decoded.text.startswith("\ufeff")


def test_latin1_bytes_decode_to_the_exact_text():
    data = LATIN1_TEXT.encode("latin-1")
    assert b"\xe9" in data
    decoded = decode_bytes(data)
    assert decoded.text == LATIN1_TEXT
    assert decoded.encoding.lower().replace("_", "-") in {"cp1252", "latin-1", "iso8859-1", "iso-8859-1"}


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1251">',
        "<meta charset=windows-1251>",
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
    ],
)
def test_html_meta_charset_is_honoured(meta):
    page = (f"<html><head>{meta}<title>Новости</title></head>"
            f"<body><p>{CYRILLIC_BODY}</p><p>{CYRILLIC_BODY}</p></body></html>")
    decoded = decode_bytes(page.encode("cp1251"))
    assert decoded.text == page
    assert decoded.encoding == codecs.lookup("windows-1251").name
    assert decoded.format == "html"


def test_declared_encoding_wins():
    data = CYRILLIC_BODY.encode("cp1251")
    decoded = decode_bytes(data, declared="cp1251")
    assert decoded.text == CYRILLIC_BODY
    assert decoded.encoding == "cp1251"


def test_unknown_declared_encoding_is_an_ingest_error():
    with pytest.raises(IngestError, match="unknown encoding"):
        decode_bytes(b"plain words", declared="no-such-codec")


def test_wrong_declared_encoding_is_an_ingest_error():
    with pytest.raises(IngestError, match="cannot be decoded as utf-8"):
        decode_bytes(TEXT.encode("cp1252"), declared="utf-8")


# --- format detection ---------------------------------------------------------------------------


def test_plain_text_with_angle_brackets_is_text():
    text = "If x < y and y > z, then x < z.\nThe <p> tag was mentioned once in this sentence.\n"
    assert not looks_like_html(text)
    assert decode_bytes(text.encode()).format == "text"


def test_html_document_is_html():
    page = "<!DOCTYPE html>\n<html><body><p>One paragraph.</p></body></html>"
    assert looks_like_html(page)
    assert decode_bytes(page.encode()).format == "html"


def test_html_fragment_without_html_tag_is_html():
    fragment = '<div class="entry"><p>First paragraph.</p>\n<p>Second paragraph.</p></div>'
    assert decode_bytes(fragment.encode()).format == "html"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("000_2f528448200b9161.txt", "html"),
        ("001_f74d515aac572341.txt", "text"),
        ("002_be06c18b9430b084.txt", "html"),
        ("003_abb6c1370311ac19.txt", "text"),
        ("004_85e05273389f8f37.txt", "text"),
    ],
)
def test_seed_formats_and_encoding(raw_dir, name, fmt):
    decoded = decode_bytes((raw_dir / name).read_bytes())
    assert decoded.format == fmt
    assert decoded.encoding == "utf-8"
    assert decoded.text == (raw_dir / name).read_text(encoding="utf-8")


# --- what cannot be ingested --------------------------------------------------------------------


def _random_bytes_with_nuls() -> bytes:
    data = bytearray(random.Random(20170617).randbytes(4096))
    data[0:2] = b"\x00\x01"  # never a byte-order mark; NULs guaranteed
    data[100:104] = b"\x00\x00\x00\x00"
    return bytes(data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", r"^empty file", id="empty"),
        pytest.param(b"  \n\t\r\n   \n", r"whitespace", id="whitespace-only"),
        pytest.param(codecs.BOM_UTF16_LE + "  \n ".encode("utf-16-le"), r"empty", id="utf16-whitespace-only"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), r"binary.*PNG", id="png"),
        pytest.param(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", r"binary.*PDF", id="pdf"),
        pytest.param(_random_bytes_with_nuls(), r"binary.*NUL", id="random-bytes-with-nuls"),
        pytest.param(b"text \x01\x02\x03\x04\x05\x06 more", r"binary.*control characters", id="control-chars"),
        pytest.param(_undecodable_bytes(), r"undecodable", id="undecodable"),
    ],
)
def test_unusable_bytes_raise_ingest_error_naming_the_reason(data, reason):
    with pytest.raises(IngestError, match=reason):
        decode_bytes(data)


def test_undecodable_sample_really_is_undecodable():
    data = _undecodable_bytes()
    for codec in ("utf-8", "cp1252"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(codec)


def test_ingest_error_is_a_value_error():
    assert issubclass(IngestError, ValueError)


# --- listing and reading a folder ---------------------------------------------------------------


def test_list_raw_files_skips_manifest_readmes_licences_and_hidden_files(tmp_path):
    names = [
        "a.txt", "b.html", "sub/c.txt", "sub/deeper/d.htm",
        "manifest.csv", "README", "README.md", "readme.txt", "LICENSE", "sub/README.md",
        ".DS_Store", ".hidden/e.txt", "sub/.f.txt", ".git/config",
    ]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "empty_folder").mkdir()

    assert list_raw_files(tmp_path) == ["a.txt", "b.html", "sub/c.txt", "sub/deeper/d.htm"]


def test_list_raw_files_on_the_seed_corpus(raw_dir):
    files = list_raw_files(raw_dir)
    assert len(files) == 5
    assert "manifest.csv" not in files
    assert all(name.endswith(".txt") for name in files)


def test_read_raw_file_fingerprints_the_bytes(tmp_path):
    data = ENCODED["utf-16-le with BOM"]
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_bytes(data)
    raw = read_raw_file(tmp_path, "sub/a.txt")
    assert raw.file == "sub/a.txt"
    assert raw.data == data
    assert raw.n_bytes == len(data)
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
