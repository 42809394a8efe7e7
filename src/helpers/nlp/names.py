"""Names of people: titles, the words that identify a name, first names, and linking short forms to full names.

A *short form* ("Obama", "Mr. Comey", "Sen. Warren", "Blasey Ford") links to the one *full name* that
ends with it, titles, possessives and middle initials ignored: first inside the article (rule ``short
name``), then across the corpus when exactly one full name of the corpus ends with it (``corpus short
name``). A title that says the person's gender ("Mrs. Clinton") keeps only the full names whose first
name agrees. Full names written with and without middle initials ("James B. Comey", "James Comey") are
one person when only one initialled form exists (``name variant``); accents do not count ("Erdoğan" is
"Erdogan"), and a lone surname may stand for the article's one full name with a generational suffix ("Bush"
for "Richard Bush III"; not "Jr.", whose father may be meant). A short form with several candidates
stays as written (``ambiguous short name``) and is listed by :func:`helpers.coverage.measures.ambiguous_names`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

# Words before a name that are not part of it: titles and ranks, as the Associated Press writes them.
PERSON_TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "madam", "madame",
    "president", "vice", "sen", "senator", "rep", "representative", "congressman", "congresswoman", "gov",
    "governor", "lt", "mayor", "secretary", "speaker", "chairman", "chairwoman", "chair", "gen", "general", "adm",
    "admiral", "col", "colonel", "maj", "major", "capt", "captain", "sgt", "sergeant", "cmdr", "commander", "cpl",
    "pvt", "minister", "premier", "chancellor", "ambassador", "judge", "justice", "attorney", "sheikh", "king",
    "queen", "prince", "princess", "pope", "rev", "reverend", "father", "sister", "rabbi", "imam", "ayatollah",
    "cardinal", "bishop", "archbishop", "spokesman", "spokeswoman", "leader", "former", "late", "sens", "reps",
    "officer", "detective", "sheriff", "coach", "gens", "supt",
}
MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "father", "brother", "congressman", "chairman", "spokesman",
               "businessman", "monsignor"}
FEMALE_TITLES = {"mrs", "ms", "miss", "madam", "madame", "dame", "lady", "queen", "princess", "sister",
                 "congresswoman", "chairwoman", "spokeswoman", "businesswoman"}
NAME_PREFIXES = re.compile(r"^(al|el|ad|as|an|ar|ash|at|az)-", re.IGNORECASE)
INITIAL = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]$")
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def title_word(word: str) -> str:
    """A word as the title lists hold it: lower case, without dots ("Sen." → "sen")."""
    return word.replace(".", "").casefold()


# Head nouns of bodies whose names may start with a title word: "Justice Department", "General Motors",
# "Attorney General's Office" are organisations, not a person with a title.
BODY_NOUNS = {"department", "ministry", "office", "bureau", "committee", "court", "commission", "council", "agency",
              "administration", "motors", "corps", "assembly", "service", "services", "staff", "command"}


def is_body(name: str) -> bool:
    """A name that ends with the head noun of a body ("Justice Department")."""
    words = name.split()
    return len(words) > 1 and words[-1].casefold().strip(".,") in BODY_NOUNS


def strip_title(name: str) -> str:
    """The name without the titles in front of it ("Sen. Elizabeth Warren" → "Elizabeth Warren"); a body's
    name keeps its first word ("Justice Department")."""
    if is_body(name):
        return name
    words = name.split()
    while len(words) > 1 and title_word(words[0]) in PERSON_TITLES:
        words = words[1:]
    return " ".join(words)


def titles_of(name: str, before: str = "") -> list[str]:
    """The personal titles written just before a name or at its start ("Mr", "Sen" …), lower case.

    Only the word right before the name counts ("Secretary of State" gives "State" no title); "former" and
    "leader" are not titles of their own.
    """
    personal = (PERSON_TITLES | MALE_TITLES | FEMALE_TITLES) - {"former", "late", "leader"}
    if is_body(name):
        return []
    found = [title_word(w) for w in before.split()[-1:] if title_word(w) in personal]
    for word in name.split()[:-1]:
        if title_word(word) not in PERSON_TITLES | MALE_TITLES | FEMALE_TITLES:
            break
        if title_word(word) in personal:
            found.append(title_word(word))
    return found


def fold(word: str) -> str:
    """A word case-folded and without accents ("Erdoğan" → "erdogan"), as the corpus may write it either way."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=200_000)
def name_words(name: str) -> tuple[str, ...]:
    """The words that identify a name: no titles, no Arabic article prefix, case-folded and without accents
    ("al-Baghdadi" → baghdadi, "Erdoğan" → erdogan)."""
    return tuple(fold(NAME_PREFIXES.sub("", w)).strip(".,") for w in strip_title(name).split())


def without_suffix(words: tuple[str, ...]) -> tuple[str, ...]:
    """Name words without a generational suffix at the end ("richard bush iii" → "richard bush")."""
    while len(words) > 1 and words[-1].strip(".") in SUFFIXES:
        words = words[:-1]
    return words


def name_key(name: str) -> str:
    """The last word of a name, without a title or an Arabic article prefix, case-folded."""
    words = name_words(name)
    return words[-1] if words else ""


def without_initials(name: str) -> str:
    """The name without middle initials ("James B. Comey" → "James Comey"); a first initial stays."""
    words = strip_title(name).split()
    kept = [w for i, w in enumerate(words) if i == 0 or i == len(words) - 1 or not INITIAL.match(w)]
    return " ".join(kept)


def is_full_name(name: str) -> bool:
    """Two words or more once titles are gone ("Barack Obama", "Abu Bakr al-Baghdadi")."""
    return len(strip_title(name).split()) >= 2


@functools.cache
def _detector():
    import gender_guesser.detector as gender_guesser

    return gender_guesser.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=65536)
def first_name_gender(name: str) -> str:
    """"female", "male" or "unknown" for a name's first word, from gender-guesser's first-name table.

    Only names the table gives as clearly female or male count ("mostly_…" and "andy" are unknown), and only
    for full names: a lone surname says nothing.
    """
    words = strip_title(name).split()
    if len(words) < 2 or INITIAL.match(words[0]):
        return "unknown"
    found = _detector().get_gender(words[0].strip(".,'’\""))
    return found if found in ("female", "male") else "unknown"


@functools.lru_cache(maxsize=65536)
def known_first_name(word: str) -> bool:
    """True when gender-guesser's table lists ``word`` as a first name (of any gender)."""
    return _detector().get_gender(word.strip(".,'’\"")) != "unknown"


def title_gender(titles: Iterable[str]) -> str:
    """"male", "female" or "" from gendered titles ("mr", "mrs" …)."""
    titles = set(titles)
    male, female = bool(titles & MALE_TITLES), bool(titles & FEMALE_TITLES)
    return "male" if male and not female else "female" if female and not male else ""


def ends_with(full: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """True when the full name's words end with the short form's words and are longer.

    "Donald Trump Jr." is a candidate for "Trump Jr.", not for "Trump".
    """
    return len(full) > len(short) and full[-len(short):] == short and short[0] not in SUFFIXES


def candidates(short: str, full_names: Iterable[str], titles: Iterable[str] = ()) -> list[str]:
    """The full names ``short`` may stand for, keeping those whose first name agrees with a gendered title."""
    words = name_words(short)
    if not words or len(words) > 2 or len(words) == 2 and first_name_gender(short) != "unknown":
        return []  # "Hillary Clinton" is a full name, "Blasey Ford" a short form
    found = sorted({f for f in full_names if ends_with(name_words(f), words)})
    wanted = title_gender(titles)
    if wanted and len(found) > 1:
        agreeing = [f for f in found if first_name_gender(f) == wanted]
        found = agreeing or found
    return found


@functools.cache
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


@functools.lru_cache(maxsize=65536)
def same_first_name(a: str, b: str) -> bool:
    """True for one first name, or a name and its nickname ("William", "Bill"), from the nicknames dataset."""
    a, b = a.casefold().strip("."), b.casefold().strip(".")
    return a == b or b in _nicknamer().nicknames_of(a) or a in _nicknamer().nicknames_of(b)


def _initials(name: str) -> str:
    """The middle initials' letters ("George H. W. Bush" → "HW")."""
    return "".join(w.replace(".", "") for w in strip_title(name).split()[1:-1] if INITIAL.match(w))


def same_person(a: str, b: str) -> bool:
    """Two spellings of one full name: the same words but middle initials, or a nickname for the first name
    ("James B. Comey" / "James Comey", "Bill Barr" / "William Barr")."""
    wa, wb = fold(without_initials(a)).split(), fold(without_initials(b)).split()
    if len(wa) != len(wb) or len(wa) < 2 or wa[1:] != wb[1:]:
        return False
    ia, ib = _initials(a), _initials(b)
    return (not ia or not ib or ia == ib) and same_first_name(wa[0], wb[0])


def variant_links(full_names: Counter) -> dict[str, str]:
    """Spellings of one full name (:func:`same_person`): each spelling → the most used one.

    ``full_names`` counts articles (or mentions) per spelling. "George Bush" is left alone when both
    "George W. Bush" and "George H.W. Bush" exist: the plain form is then ambiguous.
    """
    by_last: dict[str, list[str]] = defaultdict(list)
    for name in sorted(full_names):
        by_last[name_key(name)].append(name)
    parent = {name: name for name in full_names}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    for group in by_last.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if same_person(a, b):
                    parent[root(a)] = root(b)
    components: dict[str, list[str]] = defaultdict(list)
    for name in full_names:
        components[root(name)].append(name)
    links = {}
    for members in components.values():
        if len(members) < 2 or len({_initials(n) for n in members} - {""}) > 1:
            continue
        canonical = max(members, key=lambda n: (full_names[n], len(n), n))
        links.update({n: canonical for n in members if n != canonical})
    return links
